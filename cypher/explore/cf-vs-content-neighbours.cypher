// Which movies have collaborative neighbours most unlike them in content: people who rate them
// also rate movies that look nothing like them?
// Collaborative neighbours: the top k SIMILAR relationships of the active item-kNN version.
// Content similarity: the cosine of the active content model's embeddings
// (Movie.content_<slot>_embedding; the content model writes no SIMILAR relationships).
// Movies with at least minRatings ratings and a non-zero embedding are ranked by cfCosine, the
// mean content cosine between a movie and its collaborative neighbours, lowest first. For the
// movies returned, the k exact content neighbours are found too, to compare: how many are
// also collaborative neighbours, and their mean cosine.
// Cosines are computed exactly, over the distinct embeddings (most movies have only their
// genres and share an embedding with many others). The vector index on the embeddings is not
// used: it is approximate, and with that many identical vectors it misses close neighbours.
// Empty unless both the item-knn and the content model are trained.
//
// @param k int = 20  neighbours compared on each side
// @param minRatings int = 50  least number of ratings a movie needs to be ranked
// @param limit int = 10  movies to return
// @column movieId int  the movie
// @column title string  its title
// @column ratings int  its number of ratings
// @column cfCosine float  mean content cosine between the movie and its collaborative neighbours
// @column contentCosine float  mean content cosine between the movie and its k content neighbours
// @column shared int  movies in both neighbour lists
// @column cfExamples string[]  its three nearest collaborative neighbours
// @column contentExamples string[]  its three nearest content neighbours
MATCH (cf:Model {name: 'item-knn', status: 'active'})
MATCH (content:Model {name: 'content', status: 'active'})
WITH cf, 'content_' + content.slot + '_embedding' AS key
MATCH (m:Movie)
WHERE COUNT { (m)<-[:RATED]-() } >= toInteger($minRatings) AND any(x IN m[key] WHERE x <> 0)
CALL (m, cf) {
  MATCH (m)-[s:SIMILAR {model: cf.name, version: cf.version}]->(n:Movie)
  WHERE s.rank <= toInteger($k)
  WITH n ORDER BY s.rank
  RETURN collect(n) AS cfNeighbours
}
WITH m, key, cfNeighbours
WHERE size(cfNeighbours) > 0
// vector.similarity.cosine gives (1 + cosine) / 2 and rejects a zero vector (a movie with
// neither genres nor tags), whose cosine with anything is 0.
WITH m, key, cfNeighbours,
     reduce(sum = 0.0, n IN cfNeighbours |
       sum + CASE WHEN any(x IN n[key] WHERE x <> 0) THEN 2 * vector.similarity.cosine(m[key], n[key]) - 1 ELSE 0.0 END
     ) / size(cfNeighbours) AS cfCosine
ORDER BY cfCosine, m.id
LIMIT toInteger($limit)
WITH collect({m: m, cfNeighbours: cfNeighbours, cfCosine: cfCosine}) AS ranked, key
CALL (key) {
  MATCH (o:Movie)
  WHERE any(x IN o[key] WHERE x <> 0)
  WITH o[key] AS embedding, collect(o) AS movies
  RETURN collect(movies) AS groups
}
UNWIND ranked AS row
WITH row.m AS m, row.cfNeighbours AS cfNeighbours, row.cfCosine AS cfCosine, key, groups
// The k + 1 most similar embeddings hold at least k movies besides m. They are expanded into
// movies outside the subquery: doing it inside exhausted the transaction memory pool (1 GB
// heap) at limit = 100.
CALL (m, key, groups) {
  UNWIND groups AS movies
  WITH movies, 2 * vector.similarity.cosine(m[key], movies[0][key]) - 1 AS cosine
  ORDER BY cosine DESC
  LIMIT toInteger($k) + 1
  RETURN collect([cosine, movies]) AS nearest
}
WITH m, cfNeighbours, cfCosine,
     reduce(found = [], pair IN nearest | found + [n IN pair[1] WHERE n <> m | [pair[0], n]])[..toInteger($k)] AS found
WITH m, cfNeighbours, cfCosine, [f IN found | f[1]] AS contentNeighbours,
     reduce(sum = 0.0, f IN found | sum + f[0]) / size(found) AS contentCosine
RETURN m.id AS movieId, m.title AS title, COUNT { (m)<-[:RATED]-() } AS ratings, cfCosine, contentCosine,
       size([n IN cfNeighbours WHERE n IN contentNeighbours]) AS shared,
       [n IN cfNeighbours[..3] | n.title] AS cfExamples, [n IN contentNeighbours[..3] | n.title] AS contentExamples
ORDER BY cfCosine, movieId
