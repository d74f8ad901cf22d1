// Removes the given properties from every user (setting them to null), in batches.
MATCH (u:User)
CALL (u) {
  SET u += $nulls
} IN TRANSACTIONS OF 10000 ROWS
