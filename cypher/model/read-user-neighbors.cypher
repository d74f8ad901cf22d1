// One model version's neighbour lists, per user, best first, each as [id, score, support].
MATCH (a:User)
WITH a, COLLECT {
  MATCH (a)-[s:SIMILAR_USER {model: $name, version: toInteger($version)}]->(b:User)
  RETURN [b.id, s.score, s.support] ORDER BY s.rank
} AS neighbors
WHERE size(neighbors) > 0
RETURN a.id AS id, neighbors
