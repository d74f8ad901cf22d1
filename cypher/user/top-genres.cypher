// A user's genres by how many of their ratings fall in each, with their mean rating there.
MATCH (:User {id: toInteger($userId)})-[r:RATED]->(:Movie)-[:IN_GENRE]->(g:Genre)
RETURN g.name AS genre, count(r) AS ratings, avg(r.rating) AS averageRating
ORDER BY ratings DESC, genre
LIMIT toInteger($first)
