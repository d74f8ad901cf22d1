// One model version's neighbour lists, per user, best first.
MATCH (a:User)
WITH a, COLLECT {
  MATCH (a)-[s:SIMILAR_USER {model: $name, version: toInteger($version)}]->(b:User)
  RETURN [b.id, s.score] ORDER BY s.rank
} AS neighbors
WHERE size(neighbors) > 0
RETURN a.id AS id, neighbors
