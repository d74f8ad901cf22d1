// A page of users by id with their rating counts; one extra row tells whether another page follows.
MATCH (u:User)
WITH u ORDER BY u.id
SKIP toInteger($offset) LIMIT toInteger($limit) + 1
RETURN u.id AS id, COUNT { (u)-[:RATED]->() } AS ratingCount
