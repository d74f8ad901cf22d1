/**
 * Something an analyst can fix: an unknown query name, a bad parameter, a
 * malformed header in cypher/explore/. The CLI prints the message alone.
 */
export class ExploreError extends Error {
  override readonly name = "ExploreError";
}
