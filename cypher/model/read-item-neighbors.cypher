// One model version's neighbour lists, per movie, best first, each as [id, score, support].
MATCH (a:Movie)
WITH a, COLLECT {
  MATCH (a)-[s:SIMILAR {model: $name, version: toInteger($version)}]->(b:Movie)
  RETURN [b.id, s.score, s.support] ORDER BY s.rank
} AS neighbors
WHERE size(neighbors) > 0
RETURN a.id AS id, neighbors
