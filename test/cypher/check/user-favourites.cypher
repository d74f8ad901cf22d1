// The ids of a user's $limit highest rated movies other than $movieId, the most recent first among equals.
MATCH (:User {id: toInteger($userId)})-[r:RATED]->(m:Movie)
WHERE m.id <> toInteger($movieId)
WITH m ORDER BY r.rating DESC, r.timestamp DESC, m.id
LIMIT toInteger($limit)
RETURN collect(m.id) AS ids
