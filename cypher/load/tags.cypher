// Free-text user tags; one relationship per (user, movie, tag).
UNWIND $rows AS row
MATCH (u:User {id: toInteger(row.userId)})
MATCH (m:Movie {id: toInteger(row.movieId)})
MERGE (u)-[t:TAGGED {tag: row.tag}]->(m)
SET t.timestamp = toInteger(row.timestamp)
