import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { Kind, validate, type DocumentNode } from "graphql";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { buildGraphQLSchema } from "../../src/graphql/schema.js";

const WEB_SRC = join(PACKAGE_ROOT, "web", "src");

function queryFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return queryFiles(path);
    return /\.(queries|fragment)\.ts$/.test(entry.name) ? [path] : [];
  });
}

function isDocument(value: unknown): value is DocumentNode {
  return typeof value === "object" && value !== null && (value as DocumentNode).kind === Kind.DOCUMENT;
}

/** Every operation the web app sends, by name, loaded the way the app builds them (fragments included). */
async function webOperations(): Promise<Map<string, DocumentNode>> {
  const operations = new Map<string, DocumentNode>();
  for (const file of queryFiles(WEB_SRC)) {
    // Imported by path at run time: the web sources resolve modules the bundler's way, not Node's.
    const exports = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    for (const document of Object.values(exports).filter(isDocument)) {
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OPERATION_DEFINITION) continue;
        const name = definition.name?.value ?? "";
        expect(operations.has(name), `operation ${name} is defined twice`).toBe(false);
        operations.set(name, document);
      }
    }
  }
  return operations;
}

describe("web app operations", () => {
  it("are all named, unique and valid against the API's schema", async () => {
    const schema = await buildGraphQLSchema();
    const operations = await webOperations();
    expect([...operations.keys()]).toEqual(
      expect.arrayContaining(["SearchMovies", "MoviePage", "SimilarMovies", "UserProfile", "UserRecommendations", "Explain", "VisitorRecommendations", "RateMovie", "Stats", "Models"]),
    );
    for (const [name, document] of operations) {
      expect(name, "every operation has a name").not.toBe("");
      expect(validate(schema, document).map((e) => e.message), name).toEqual([]);
    }
  });
});
