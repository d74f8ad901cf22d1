// A movie's full genome vector (indexed by tag id - 1) as a property, and its most
// relevant tags as HAS_TAG relationships: the paths explanations walk.
UNWIND $rows AS row
MATCH (m:Movie {id: toInteger(row.movieId)})
SET m.genome = row.vector
WITH m, row
UNWIND row.top AS top
MATCH (t:GenomeTag {id: toInteger(top[0])})
MERGE (m)-[h:HAS_TAG]->(t)
SET h.relevance = toFloat(top[1])
