// Waits for the bench index to be built (a large catalogue on a busy machine takes a while).
CALL db.awaitIndex('bench_items', toInteger($seconds))
