// Blocks until every index is online, so loads and queries that follow can use them.
CALL db.awaitIndexes(300)
