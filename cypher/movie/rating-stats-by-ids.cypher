// Rating count and mean per movie, for the per-movie stats DataLoader.
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
OPTIONAL MATCH (m)<-[r:RATED]-()
RETURN m.id AS id, count(r) AS ratingCount, avg(r.rating) AS averageRating
