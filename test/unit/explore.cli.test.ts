import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";

const TSX_LOADER = pathToFileURL(join(PACKAGE_ROOT, "node_modules/tsx/dist/loader.mjs")).href;

/**
 * Runs `cinegraph cypher …` in an empty folder with a clean environment. NEO4J_URI names a
 * port nothing listens on: none of these runs may need a database, and one that tried would fail.
 */
function cypher(...args: string[]) {
  const result = spawnSync(process.execPath, ["--import", TSX_LOADER, join(PACKAGE_ROOT, "src/cli/index.ts"), "cypher", ...args], {
    cwd: mkdtempSync(join(tmpdir(), "cinegraph-cli-")),
    env: { PATH: process.env.PATH ?? "", HOME: process.env.HOME ?? "", TSX_TSCONFIG_PATH: join(PACKAGE_ROOT, "tsconfig.json"), NEO4J_URI: "bolt://127.0.0.1:1" },
    encoding: "utf8",
    timeout: 60_000,
  });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

// Each run starts Node with tsx, a few seconds apiece.
describe("cinegraph cypher, before it connects", { timeout: 60_000 }, () => {
  it("lists the pack with each question and its parameters", () => {
    const { code, stdout } = cypher("--list");
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split("\n");
    expect(lines[0]).toMatch(/^name +question +parameters$/);
    expect(lines).toContainEqual(expect.stringMatching(/^co-rated-pairs +Which pairs of movies were rated by the most of the same people\? +limit=10 candidates=100 minRating=0\.5$/));
    expect(lines).toContainEqual(expect.stringMatching(/^rating-trends-by-year +.*genre=""$/));
    expect(lines.length).toBeGreaterThanOrEqual(2 + 12);
  });

  it("lists with no name too, and as JSON with --json", () => {
    expect(cypher().stdout).toBe(cypher("--list").stdout);
    const { code, stdout } = cypher("--list", "--json");
    expect(code).toBe(0);
    const list = JSON.parse(stdout) as Array<{ name: string; question: string; params: unknown[]; columns: unknown[] }>;
    expect(list.find((q) => q.name === "user-genre-profile")).toMatchObject({
      params: [
        { name: "userId", type: "int", default: 1 },
        { name: "limit", type: "int", default: 20 },
      ],
    });
  });

  it("describes one query", () => {
    const { code, stdout } = cypher("shortest-rater-path", "--describe");
    expect(code).toBe(0);
    expect(stdout).toContain("How are two movies connected through the people who rated them");
    expect(stdout).toContain("  minRating (float, default 0.5): lowest rating a step may use (0.5: any rating)");
    expect(stdout).toContain("  path (string[]): the nodes in order");
  });

  it("refuses an unknown query, listing the available ones", () => {
    const { code, stdout, stderr } = cypher("co-rated");
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toMatch(/^error: no query named "co-rated"; available: cf-vs-content-neighbours, co-rated-pairs, .*user-genre-profile/);
  });

  it.each([
    [["user-genre-profile", "-p", "userId=abc"], 'error: parameter userId: expected an integer, got "abc"'],
    [["user-genre-profile", "--param", "user=1"], "error: user-genre-profile has no parameter user; its parameters: userId, limit"],
    [["user-genre-profile", "-p", "userId"], 'error: expected a parameter as key=value, got "userId"'],
    [["co-rated-pairs", "-p", "minRating=high"], 'error: parameter minRating: expected a number, got "high"'],
  ])("refuses bad parameters: %j", (args, message) => {
    const { code, stderr } = cypher(...args);
    expect(code).toBe(1);
    expect(stderr.trim()).toBe(message);
  });
});
