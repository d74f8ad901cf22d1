import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";

// Absolute, because the CLI runs in an empty temporary folder (so no .env of the developer's is read).
const TSX_LOADER = pathToFileURL(join(PACKAGE_ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/** Runs the CLI as a user would, with a clean environment apart from what the test sets. */
function cli(args: string[], env: Record<string, string> = {}) {
  const result = spawnSync(process.execPath, ["--import", TSX_LOADER, join(PACKAGE_ROOT, "src/cli/index.ts"), ...args], {
    cwd: mkdtempSync(join(tmpdir(), "cinegraph-cli-")),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TSX_TSCONFIG_PATH: join(PACKAGE_ROOT, "tsconfig.json"), ...env },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

describe("the cinegraph CLI", () => {
  it("lists its commands", () => {
    const { code, stdout } = cli(["--help"]);
    expect(code).toBe(0);
    for (const command of ["start", "neo4j", "load", "serve"]) expect(stdout).toMatch(new RegExp(`^  ${command}\\b`, "m"));
  });

  it.each(["neo4j start", "neo4j stop", "neo4j status", "load", "serve", "start"])("has --help for %s", (command) => {
    const { code, stdout } = cli([...command.split(" "), "--help"]);
    expect(code).toBe(0);
    expect(stdout).toContain(`Usage: cinegraph ${command}`);
  });

  it("names a folder that does not exist, without a stack trace", () => {
    const { code, stderr } = cli(["load", "/nonexistent/ml-latest-small"]);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe("error: not a folder: /nonexistent/ml-latest-small");
  });

  it("asks for a folder or --download", () => {
    const { code, stderr } = cli(["load"]);
    expect(code).toBe(1);
    expect(stderr).toContain("give either a release folder or --download <release>");
  });

  it("refuses an unknown release before touching the network", () => {
    const { code, stderr } = cli(["load", "--download", "ml-2000"], { DATA_CACHE_DIR: mkdtempSync(join(tmpdir(), "cinegraph-dl-")) });
    expect(code).toBe(1);
    expect(stderr.trim()).toMatch(/^error: unknown release "ml-2000"; known releases: ml-latest-small, /);
  });

  it("reports invalid configuration by setting name", () => {
    const { code, stderr } = cli(["neo4j", "status"], { PORT: "http" });
    expect(code).toBe(1);
    expect(stderr).toContain("Invalid configuration:\n  PORT:");
  });

  it("does not manage a server that NEO4J_URI points to", () => {
    const { code, stderr } = cli(["neo4j", "start"], { NEO4J_URI: "bolt://db.example:7687" });
    expect(code).toBe(1);
    expect(stderr).toContain("NEO4J_URI is set (bolt://db.example:7687): that server is managed elsewhere");
  });

  it("rejects a non-numeric option value", () => {
    const { code, stderr } = cli(["serve", "--port", "abc"]);
    expect(code).toBe(1);
    expect(stderr).toContain("option '-p, --port <port>' argument 'abc' is invalid. expected a positive integer");
  });
});
