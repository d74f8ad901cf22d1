import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { QueryRegistry } from "../../src/db/queries.js";
import { CYPHER_DIR, PACKAGE_ROOT } from "../../src/paths.js";

const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

/** A temp folder with the given files (paths relative to it, folders created as needed). */
function tree(files: Record<string, string>): string {
  const root = mkdtempSync(join(tmpdir(), "cypher-"));
  temps.push(root);
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
  return root;
}

function thrown(fn: () => unknown): Error {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(Error);
    return error as Error;
  }
  throw new Error("expected an error, but nothing was thrown");
}

describe("QueryRegistry on the project's cypher/ folder", () => {
  const registry = QueryRegistry.load();

  it("is found at the package root", () => {
    expect(CYPHER_DIR).toBe(join(PACKAGE_ROOT, "cypher"));
  });

  it("has one name for every .cypher file in the schema folder", () => {
    const files = readdirSync(join(CYPHER_DIR, "schema"))
      .filter((f) => f.endsWith(".cypher"))
      .map((f) => `schema/${f.replace(/\.cypher$/, "")}`)
      .sort();
    expect(registry.under("schema")).toEqual(files);
  });

  it("throws for an unknown name, naming the file it looked for", () => {
    expect(thrown(() => registry.get("load/nope")).message).toBe("No Cypher file cypher/load/nope.cypher");
  });
});

describe("QueryRegistry on other folders", () => {
  it("names nested files by their path without extension, and ignores other files", () => {
    const root = tree({
      "top.cypher": "  RETURN 1 AS top  \n\n",
      "a/b/deep.cypher": "MATCH (n)\nRETURN n",
      "a/mid.cypher": "RETURN 2",
      "a/notes.txt": "not cypher",
      "a/old.cypher.bak": "RETURN 3",
      "README.md": "# queries",
    });
    const registry = QueryRegistry.load([root]);
    expect(registry.get("top")).toBe("RETURN 1 AS top");
    expect(registry.get("a/b/deep")).toBe("MATCH (n)\nRETURN n");
    expect(registry.get("a/mid")).toBe("RETURN 2");
    expect(registry.under("a")).toEqual(["a/b/deep", "a/mid"]);
    expect(registry.under("a/b")).toEqual(["a/b/deep"]);
    expect(registry.under("top")).toEqual([]);
    expect(registry.under("nothing")).toEqual([]);
    expect(thrown(() => registry.get("a/notes")).message).toBe("No Cypher file cypher/a/notes.cypher");
    expect(thrown(() => registry.get("a/old.cypher")).message).toBe("No Cypher file cypher/a/old.cypher.cypher");
  });

  it("does not match a prefix that is only the start of a folder name", () => {
    const registry = QueryRegistry.load([tree({ "schema/a.cypher": "RETURN 1", "schema-extra/b.cypher": "RETURN 2" })]);
    expect(registry.under("schema")).toEqual(["schema/a"]);
    expect(registry.under("schema-extra")).toEqual(["schema-extra/b"]);
  });

  it("sorts names under a folder by text", () => {
    const registry = QueryRegistry.load([tree({ "s/10-b.cypher": "x", "s/02-a.cypher": "y", "s/1-c.cypher": "z" })]);
    expect(registry.under("s")).toEqual(["s/02-a", "s/1-c", "s/10-b"]);
  });

  it("lets a later folder add names", () => {
    const main = tree({ "load/movies.cypher": "RETURN 'main'" });
    const extra = tree({ "check/movies.cypher": "RETURN 'check'" });
    const registry = QueryRegistry.load([main, extra]);
    expect(registry.get("load/movies")).toBe("RETURN 'main'");
    expect(registry.get("check/movies")).toBe("RETURN 'check'");
  });

  it("refuses two folders defining the same name", () => {
    const main = tree({ "load/movies.cypher": "RETURN 'main'" });
    const extra = tree({ "load/movies.cypher": "RETURN 'other'" });
    expect(thrown(() => QueryRegistry.load([main, extra])).message).toBe(`Two Cypher files are named load/movies (in ${extra})`);
  });

  it("loads the project's folder together with the test checks", () => {
    const registry = QueryRegistry.load([CYPHER_DIR, join(PACKAGE_ROOT, "test", "cypher")]);
    const checks = readdirSync(join(PACKAGE_ROOT, "test", "cypher", "check"))
      .map((f) => `check/${f.replace(/\.cypher$/, "")}`)
      .sort();
    expect(checks.length).toBeGreaterThan(0);
    expect(registry.under("check")).toEqual(checks);
    expect(registry.under("schema")).toEqual(QueryRegistry.load().under("schema"));
  });

  it("loads an empty folder as an empty registry", () => {
    const registry = QueryRegistry.load([tree({})]);
    expect(registry.under("schema")).toEqual([]);
  });

  it("fails for a folder that does not exist", () => {
    const missing = join(tree({}), "missing");
    expect(thrown(() => QueryRegistry.load([missing]))).toMatchObject({ code: "ENOENT" });
  });
});
