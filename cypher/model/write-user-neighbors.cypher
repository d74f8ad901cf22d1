// A batch of users' nearest neighbours under one model version, as [userId, score, support] triples best
// first; support is how many movies both users rated.
UNWIND $rows AS row
MATCH (a:User {id: toInteger(row.id)})
UNWIND range(0, size(row.neighbors) - 1) AS rank
WITH a, row.neighbors[rank] AS neighbor, rank
MATCH (b:User {id: toInteger(neighbor[0])})
CREATE (a)-[:SIMILAR_USER {model: $name, version: toInteger($version), score: toFloat(neighbor[1]), rank: rank + 1, support: toInteger(neighbor[2])}]->(b)
