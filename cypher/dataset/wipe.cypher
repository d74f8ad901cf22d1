// Deletes every node and relationship in batches, so a large graph does not need one huge transaction.
MATCH (n)
CALL (n) {
  DETACH DELETE n
} IN TRANSACTIONS OF 10000 ROWS
