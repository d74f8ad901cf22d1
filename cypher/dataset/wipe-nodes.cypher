// Second half of emptying the graph: the nodes, now without relationships, in batches.
MATCH (n)
CALL (n) {
  DELETE n
} IN TRANSACTIONS OF 50000 ROWS
