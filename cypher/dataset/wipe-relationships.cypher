// First half of emptying the graph: relationships in batches, so no transaction has to hold a
// dense node's thousands of relationships at once (DETACH DELETE of a node would).
MATCH ()-[r]->()
CALL (r) {
  DELETE r
} IN TRANSACTIONS OF 50000 ROWS
