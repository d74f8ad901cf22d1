// Every movie with what searching and ordering the catalogue look at, read whole into the API's search index.
MATCH (m:Movie)
RETURN m.id AS id, m.title AS title, m.year AS year, [(m)-[:IN_GENRE]->(g:Genre) | g.name] AS genres, COUNT { (m)<-[:RATED]-() } AS ratingCount
