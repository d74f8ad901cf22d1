// Number of ratings and mean rating per genre, most rated first.
MATCH (g:Genre)<-[:IN_GENRE]-(m:Movie)<-[r:RATED]-()
RETURN g.name AS genre, count(r) AS ratings, avg(r.rating) AS averageRating
ORDER BY ratings DESC, genre
