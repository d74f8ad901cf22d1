import { inject } from "vitest";
import { Database } from "../../src/db/database.js";
import { createLogger } from "../../src/logger.js";
import { CYPHER_DIR } from "../../src/paths.js";

const TEST_CYPHER_DIR = new URL("../cypher", import.meta.url).pathname;

export { GENOME, ML_LATEST_SMALL, SHARED_DATA } from "../shared-data.js";

/** A connection to the test server started by the global setup. */
export async function openTestDatabase(queryTimeoutMs = 60_000): Promise<Database> {
  const settings = inject("neo4j");
  return Database.open({ ...settings, queryTimeoutMs }, createLogger("warn"), [CYPHER_DIR, TEST_CYPHER_DIR]);
}
