// What a vector index on Movie[$property] can hold: Neo4j silently leaves out a node whose
// list has another length than the index's dimension, and (for cosine) a zero vector.
MATCH (m:Movie)
WHERE m[$property] IS NOT NULL
WITH m[$property] AS v
WITH size(v) AS size, reduce(s = 0.0, x IN v | s + x * x) > 0 AS nonZero
RETURN size, count(*) AS nodes, sum(CASE WHEN nonZero THEN 1 ELSE 0 END) AS nonZero
ORDER BY size
