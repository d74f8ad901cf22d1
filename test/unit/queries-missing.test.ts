import { afterAll, describe, expect, it } from "vitest";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { cypher, QueryRegistry } from "../../src/db/queries.js";

// cypher() registers names for the whole module instance, so this file keeps its own.
const temps: string[] = [];
afterAll(() => {
  for (const dir of temps) rmSync(dir, { recursive: true, force: true });
});

function folderWith(...names: string[]): string {
  const root = mkdtempSync(join(tmpdir(), "cypher-missing-"));
  temps.push(root);
  for (const name of names) {
    const path = join(root, `${name}.cypher`);
    mkdirSync(join(path, ".."), { recursive: true });
    writeFileSync(path, `// ${name}\nRETURN 1`);
  }
  return root;
}

describe("declared Cypher names", () => {
  it("returns the name it was given", () => {
    expect(cypher("nope/missing")).toBe("nope/missing");
  });

  it("makes load() fail when a declared file does not exist, naming it", () => {
    cypher("nope/missing");
    expect(() => QueryRegistry.load()).toThrow(new Error("Missing Cypher files: cypher/nope/missing.cypher"));
    expect(() => QueryRegistry.load([folderWith("other/name")])).toThrow("Missing Cypher files: cypher/nope/missing.cypher");
  });

  it("lists every missing declared name", () => {
    cypher("nope/also-missing");
    expect(() => QueryRegistry.load([folderWith("other/name")])).toThrow(
      new Error("Missing Cypher files: cypher/nope/missing.cypher, cypher/nope/also-missing.cypher"),
    );
  });

  it("loads once every declared name has a file, in any of the folders", () => {
    const registry = QueryRegistry.load([folderWith("nope/missing"), folderWith("nope/also-missing")]);
    expect(registry.get("nope/missing")).toBe("// nope/missing\nRETURN 1");
    expect(registry.under("nope")).toEqual(["nope/also-missing", "nope/missing"]);
  });
});
