// A page of movies matching optional title text (case-insensitive substring), genres (all of them)
// and a year range, ordered by title then id; one extra row tells whether another page follows.
MATCH (m:Movie)
WHERE ($search IS NULL OR toLower(m.title) CONTAINS toLower($search))
  AND ($yearFrom IS NULL OR m.year >= toInteger($yearFrom))
  AND ($yearTo IS NULL OR m.year <= toInteger($yearTo))
  AND all(genre IN $genres WHERE EXISTS { (m)-[:IN_GENRE]->(:Genre {name: genre}) })
WITH m ORDER BY m.title, m.id
WITH collect(m.id) AS ids
RETURN size(ids) AS total, ids[toInteger($offset)..toInteger($offset) + toInteger($limit) + 1] AS page
