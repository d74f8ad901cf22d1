import "reflect-metadata";
import { writeFileSync } from "node:fs";
import { buildGraphQLSchema, printSortedSchema } from "../src/graphql/schema.js";
import { SCHEMA_FILE } from "../src/paths.js";

writeFileSync(SCHEMA_FILE, printSortedSchema(await buildGraphQLSchema()));
console.log(`wrote ${SCHEMA_FILE}`);
