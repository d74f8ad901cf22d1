// A batch of movies' nearest neighbours under one model version, as [movieId, score, support] triples best
// first; support is how many users rated both movies.
UNWIND $rows AS row
MATCH (a:Movie {id: toInteger(row.id)})
UNWIND range(0, size(row.neighbors) - 1) AS rank
WITH a, row.neighbors[rank] AS neighbor, rank
MATCH (b:Movie {id: toInteger(neighbor[0])})
CREATE (a)-[:SIMILAR {model: $name, version: toInteger($version), score: toFloat(neighbor[1]), rank: rank + 1, support: toInteger(neighbor[2])}]->(b)
