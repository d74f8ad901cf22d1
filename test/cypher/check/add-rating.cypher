// Writes a rating directly, as another writer would.
MATCH (u:User {id: toInteger($userId)}), (m:Movie {id: toInteger($movieId)})
MERGE (u)-[r:RATED]->(m)
SET r.rating = toFloat($rating), r.timestamp = toInteger($timestamp)
