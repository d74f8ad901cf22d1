// Movies by id with their genres, for the movie DataLoader (order is restored in code).
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
RETURN m.id AS id, m.title AS title, m.year AS year, m.imdbId AS imdbId, m.tmdbId AS tmdbId,
       [(m)-[:IN_GENRE]->(g:Genre) | g.name] AS genres
