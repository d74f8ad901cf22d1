// Removes the given properties from every movie (setting them to null), in batches.
MATCH (m:Movie)
CALL (m) {
  SET m += $nulls
} IN TRANSACTIONS OF 10000 ROWS
