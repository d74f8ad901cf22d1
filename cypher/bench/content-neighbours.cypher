// Nearest movies to a movie through a vector index on its embedding, leaving the movie itself out.
// $k candidates are asked of the index ($k ≥ $first + 1, since the movie finds itself first).
MATCH (m:Movie {id: toInteger($movieId)})
CALL db.index.vector.queryNodes($index, toInteger($k), m[$property]) YIELD node, score
WITH node, score
WHERE node <> m
RETURN node.id AS id
ORDER BY score DESC
LIMIT toInteger($first)
