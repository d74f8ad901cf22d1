// Every movie's year, genres and rating count: what recommendation filters look at, kept in memory.
MATCH (m:Movie)
RETURN m.id AS id, m.year AS year, [(m)-[:IN_GENRE]->(g:Genre) | g.name] AS genres, COUNT { (m)<-[:RATED]-() } AS ratingCount
