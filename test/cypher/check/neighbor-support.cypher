// The support written on up to $limit of a model's SIMILAR and SIMILAR_USER relationships against a count
// made now: how many users rated both movies, or how many movies both users rated.
CALL () {
  MATCH (a:Movie)-[s:SIMILAR {model: $model}]->(b:Movie)
  WITH a, s, b LIMIT toInteger($limit)
  RETURN s.support AS stored, COUNT { (a)<-[:RATED]-(:User)-[:RATED]->(b) } AS counted
  UNION ALL
  MATCH (a:User)-[s:SIMILAR_USER {model: $model}]->(b:User)
  WITH a, s, b LIMIT toInteger($limit)
  RETURN s.support AS stored, COUNT { (a)-[:RATED]->(:Movie)<-[:RATED]-(b) } AS counted
}
RETURN count(*) AS relationships, count(stored) AS withSupport, sum(CASE WHEN stored = counted THEN 1 ELSE 0 END) AS agreeing
