// Whether the user and the movie exist, and the movie's title for the summary.
OPTIONAL MATCH (u:User {id: toInteger($userId)})
OPTIONAL MATCH (m:Movie {id: toInteger($movieId)})
RETURN u IS NOT NULL AS userExists, m.title AS title, COUNT { (m)<-[:RATED]-() } AS ratingCount
