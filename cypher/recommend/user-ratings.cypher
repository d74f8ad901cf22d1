// A user's current ratings as [movieId, rating] pairs; no row when the user does not exist.
MATCH (u:User {id: toInteger($userId)})
RETURN [(u)-[r:RATED]->(m:Movie) | [m.id, r.rating]] AS ratings
