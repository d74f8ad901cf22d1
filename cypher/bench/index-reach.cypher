// How many nodes the index returns for one of its own vectors when asked for $k: with $k at
// least the number of nodes it should hold, a shortfall means the index does not hold them.
MATCH (m:Movie)
WHERE size(m[$property]) = toInteger($dimensions) AND any(x IN m[$property] WHERE x <> 0)
WITH m LIMIT 1
CALL db.index.vector.queryNodes($index, toInteger($k), m[$property]) YIELD node
RETURN count(node) AS returned
