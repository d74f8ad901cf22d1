// The search the API used to run in Neo4j, kept as the reference its in-memory index (MovieSearchIndex) must agree with.
// A page of movies matching optional title text (case-insensitive substring), genres (all of them)
// and a year range, in the order asked for ($order):
//   RELEVANCE  titles that start with the text first, then the most rated (popularity without text)
//   POPULARITY most rated first; TITLE alphabetical; NEWEST latest year first;
// ties by title then id. One extra row tells whether another page follows.
MATCH (m:Movie)
WHERE ($search IS NULL OR toLower(m.title) CONTAINS toLower($search))
  AND ($yearFrom IS NULL OR m.year >= toInteger($yearFrom))
  AND ($yearTo IS NULL OR m.year <= toInteger($yearTo))
  AND all(genre IN $genres WHERE EXISTS { (m)-[:IN_GENRE]->(:Genre {name: genre}) })
WITH m,
     CASE WHEN $order = 'RELEVANCE' AND $search IS NOT NULL AND toLower(m.title) STARTS WITH toLower($search) THEN 0 ELSE 1 END AS prefix,
     CASE WHEN $order IN ['RELEVANCE', 'POPULARITY'] THEN -COUNT { (m)<-[:RATED]-() } ELSE 0 END AS popularity,
     CASE WHEN $order = 'NEWEST' THEN -coalesce(m.year, 0) ELSE 0 END AS age
ORDER BY prefix, popularity, age, m.title, m.id
WITH collect(m.id) AS ids
RETURN size(ids) AS total, ids[toInteger($offset)..toInteger($offset) + toInteger($limit) + 1] AS page
