// How many users rated both movies, with ratings of at least $minRating.
MATCH (:Movie {id: toInteger($a)})<-[ra:RATED]-(u:User)-[rb:RATED]->(:Movie {id: toInteger($b)})
WHERE ra.rating >= $minRating AND rb.rating >= $minRating
RETURN count(u) AS count
