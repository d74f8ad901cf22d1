// Deletes one model version's SIMILAR and SIMILAR_USER relationships, in batches.
MATCH ()-[s:SIMILAR|SIMILAR_USER {model: $name, version: toInteger($version)}]->()
CALL (s) {
  DELETE s
} IN TRANSACTIONS OF 10000 ROWS
