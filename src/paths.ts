import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** The package root, found from this file so it works from src/ (tsx, vitest) and dist/ (built). */
export const PACKAGE_ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");

export const CYPHER_DIR = join(PACKAGE_ROOT, "cypher");
export const NEO4J_POM = join(PACKAGE_ROOT, "scripts", "neo4j", "pom.xml");
export const SCHEMA_FILE = join(PACKAGE_ROOT, "schema", "schema.graphql");
export const OPERATIONS_DIR = join(PACKAGE_ROOT, "schema", "operations");
