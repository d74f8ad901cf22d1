import { readdirSync } from "node:fs";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import {
  getNamedType,
  getNullableType,
  isEnumType,
  isInputObjectType,
  isListType,
  isNonNullType,
  Kind,
  typeFromAST,
  validate,
  type DocumentNode,
  type GraphQLInputType,
  type NamedTypeNode,
  type OperationDefinitionNode,
} from "graphql";
import { describe, expect, it } from "vitest";
import { PACKAGE_ROOT } from "../../src/paths.js";
import { getComplexity } from "graphql-query-complexity";
import { fieldCost, MAX_COMPLEXITY } from "../../src/graphql/common/limits.js";
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

function operationOf(document: DocumentNode): OperationDefinitionNode {
  return document.definitions.find((d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION)!;
}

/** A value of the type, as large as the app asks for: pages of 20, lists of 20 ids. */
function sampleValue(type: GraphQLInputType): unknown {
  const named = getNamedType(type);
  const listed = (value: unknown) => (isListType(getNullableType(type)) ? Array.from({ length: 20 }, () => value) : value);
  if (isEnumType(named)) return listed(named.getValues()[0].value);
  if (isInputObjectType(named)) {
    const fields = Object.values(named.getFields()).filter((f) => isNonNullType(f.type));
    return listed(Object.fromEntries(fields.map((f) => [f.name, sampleValue(f.type)])));
  }
  const scalars: Record<string, unknown> = { Int: 20, Float: 4, ID: "1", String: "toy", Boolean: true };
  return listed(scalars[named.name]);
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

  it("stay well under the API's cost limit with pages of 20", async () => {
    const schema = await buildGraphQLSchema();
    for (const [name, document] of await webOperations()) {
      const variables = Object.fromEntries(
        operationOf(document).variableDefinitions?.map((v) => [v.variable.name.value, sampleValue(typeFromAST(schema, v.type as NamedTypeNode) as GraphQLInputType)]) ?? [],
      );
      const cost = getComplexity({ schema, query: document, operationName: name, variables, estimators: [fieldCost] });
      expect(cost, name).toBeLessThan(MAX_COMPLEXITY / 4);
    }
  });
});
