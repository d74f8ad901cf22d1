// Counts of the main node and relationship types (from the count store) and the rating distribution.
CALL () {
  MATCH ()-[r:RATED]->()
  WITH r.rating AS rating, count(*) AS n ORDER BY rating
  RETURN collect({rating: rating, count: n}) AS ratingDistribution
}
RETURN COUNT { (:User) } AS users,
       COUNT { (:Movie) } AS movies,
       COUNT { ()-[:RATED]->() } AS ratings,
       COUNT { ()-[:TAGGED]->() } AS tags,
       COUNT { (:Genre) } AS genres,
       ratingDistribution
