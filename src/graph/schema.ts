import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";

const awaitIndexes = cypher("admin/await-indexes");

/** Creates every constraint and index in cypher/schema/ (each is IF NOT EXISTS, so this is idempotent). */
export async function applySchema(db: Database): Promise<void> {
  for (const name of db.queries.under("schema")) {
    await db.autoCommit(name);
  }
  await db.autoCommit(awaitIndexes, {}, { timeoutMs: 0 });
}
