// The ids of the movies a user rated.
MATCH (:User {id: toInteger($userId)})-[:RATED]->(m:Movie)
RETURN collect(m.id) AS ids
