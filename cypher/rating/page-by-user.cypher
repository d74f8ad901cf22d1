// A page of a user's ratings in the order asked for ($order: RECENT, OLDEST, HIGHEST or
// LOWEST; ties newest first, then by movie id); one extra row tells whether another page
// follows. No row when the user does not exist.
MATCH (u:User {id: toInteger($userId)})
CALL (u) {
  MATCH (u)-[r:RATED]->(m:Movie)
  WITH r, m
  ORDER BY CASE $order WHEN 'HIGHEST' THEN -r.rating WHEN 'LOWEST' THEN r.rating ELSE 0 END,
           CASE $order WHEN 'OLDEST' THEN r.timestamp ELSE -r.timestamp END,
           m.id
  SKIP toInteger($offset) LIMIT toInteger($limit) + 1
  RETURN collect({userId: u.id, movieId: m.id, rating: r.rating, timestamp: r.timestamp}) AS page
}
RETURN COUNT { (u)-[:RATED]->() } AS total, page
