// A batch of ratings as [userId, movieId, rating, timestamp]; MERGE keeps a re-load idempotent.
UNWIND $rows AS row
MATCH (u:User {id: toInteger(row[0])})
MATCH (m:Movie {id: toInteger(row[1])})
MERGE (u)-[r:RATED]->(m)
SET r.rating = toFloat(row[2]), r.timestamp = toInteger(row[3])
