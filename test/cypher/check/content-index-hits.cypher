// How many neighbours the content vector index returns for a movie's own embedding.
MATCH (m:Movie {id: toInteger($movieId)})
CALL db.index.vector.queryNodes($index, 5, m[$property]) YIELD node
RETURN count(node) AS hits, size(m[$property]) AS dimensions
