// Writes (or replaces) a user's rating of a movie; no row when either does not exist.
MATCH (u:User {id: toInteger($userId)})
MATCH (m:Movie {id: toInteger($movieId)})
MERGE (u)-[r:RATED]->(m)
SET r.rating = toFloat($rating), r.timestamp = toInteger($timestamp)
RETURN COUNT { (u)-[:RATED]->() } AS ratingCount
