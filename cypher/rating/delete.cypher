// Deletes a user's rating of a movie, reporting whether there was one; no row when the user or movie does not exist.
MATCH (u:User {id: toInteger($userId)})
MATCH (m:Movie {id: toInteger($movieId)})
OPTIONAL MATCH (u)-[r:RATED]->(m)
WITH u, r, r IS NOT NULL AS existed
DELETE r
RETURN existed, COUNT { (u)-[:RATED]->() } AS ratingCount
