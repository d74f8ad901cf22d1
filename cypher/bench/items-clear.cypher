// Removes the bench's item nodes (from a previous case) in batches.
MATCH (n:BenchItem)
CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS
