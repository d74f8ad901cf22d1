// A page of users by id with their rating counts, and how many users there are; one extra row
// tells whether another page follows.
MATCH (u:User)
WITH count(u) AS total
CALL () {
  MATCH (u:User)
  WITH u ORDER BY u.id
  SKIP toInteger($offset) LIMIT toInteger($limit) + 1
  RETURN collect({id: u.id, ratingCount: COUNT { (u)-[:RATED]->() }}) AS page
}
RETURN total, page
