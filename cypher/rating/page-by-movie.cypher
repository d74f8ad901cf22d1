// A page of a movie's ratings, newest first (ties by user id); one extra row tells whether
// another page follows. No row when the movie does not exist.
MATCH (m:Movie {id: toInteger($movieId)})
CALL (m) {
  MATCH (m)<-[r:RATED]-(u:User)
  WITH r, u ORDER BY r.timestamp DESC, u.id
  SKIP toInteger($offset) LIMIT toInteger($limit) + 1
  RETURN collect({userId: u.id, movieId: m.id, rating: r.rating, timestamp: r.timestamp}) AS page
}
RETURN COUNT { (m)<-[:RATED]-() } AS total, page
