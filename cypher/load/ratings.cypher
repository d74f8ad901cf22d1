// A batch of ratings grouped by user, [userId, [[movieId, rating, timestamp], …]]; MERGE keeps
// re-loads and resumed loads idempotent.
UNWIND $rows AS byUser
MATCH (u:User {id: toInteger(byUser[0])})
WITH u, byUser
UNWIND byUser[1] AS row
MATCH (m:Movie {id: toInteger(row[0])})
MERGE (u)-[r:RATED]->(m)
SET r.rating = toFloat(row[1]), r.timestamp = toInteger(row[2])
