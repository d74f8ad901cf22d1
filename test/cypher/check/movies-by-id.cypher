// Movies with their stored properties and genre names, in the order of $ids.
UNWIND range(0, size($ids) - 1) AS i
MATCH (m:Movie {id: toInteger($ids[i])})
RETURN m.id AS id, m.title AS title, m.year AS year, m.imdbId AS imdbId, m.tmdbId AS tmdbId,
       COLLECT { MATCH (m)-[:IN_GENRE]->(g) RETURN g.name ORDER BY g.name } AS genres
ORDER BY i
