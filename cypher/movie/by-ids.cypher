// Movies by id with their genres and rating count and mean, for the movie DataLoader (order is
// restored in code). The stats come along because nearly every client asks for them with the
// movie, and a second query would have to wait for this one.
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
CALL (m) {
  OPTIONAL MATCH (m)<-[r:RATED]-()
  RETURN count(r) AS ratingCount, avg(r.rating) AS averageRating
}
RETURN m.id AS id, m.title AS title, m.year AS year, m.imdbId AS imdbId, m.tmdbId AS tmdbId,
       [(m)-[:IN_GENRE]->(g:Genre) | g.name] AS genres, ratingCount, averageRating
