// What surrounds a movie in the graph: its genres, genome tags, user tags, item-kNN and
// content neighbours, and the movies most often rated by the same people?
// One row per neighbour, grouped by relation and strongest first within each, at most
// `limit` per relation. Relations whose data is absent (no genome, a model not trained) give
// no rows. CONTENT neighbours are the movies whose embeddings in the active content model
// are nearest by cosine, computed exactly over every movie (as the API's similarMovies does;
// the approximate vector index misses neighbours on this data).
//
// @param movieId int = 1  the movie (1: Toy Story)
// @param limit int = 5  neighbours per relation
// @column relation string  IN_GENRE, HAS_TAG (genome), TAGGED (user tags), SIMILAR (item-kNN), CONTENT or CO_RATED
// @column id int?  the neighbour's id: movie id, genome tag id; null for genres and user tags
// @column name string  genre, tag or movie title
// @column weight float?  HAS_TAG relevance, TAGGED uses, SIMILAR score, CONTENT cosine, CO_RATED co-raters; null for genres
MATCH (m:Movie {id: toInteger($movieId)})
CALL (m) {
  MATCH (m)-[:IN_GENRE]->(g:Genre)
  RETURN 0 AS section, 'IN_GENRE' AS relation, null AS id, g.name AS name, null AS weight
  ORDER BY name
  LIMIT toInteger($limit)
UNION ALL
  MATCH (m)-[h:HAS_TAG]->(t:GenomeTag)
  RETURN 1 AS section, 'HAS_TAG' AS relation, t.id AS id, t.name AS name, h.relevance AS weight
  ORDER BY weight DESC, id
  LIMIT toInteger($limit)
UNION ALL
  MATCH (m)<-[t:TAGGED]-(:User)
  WITH toLower(trim(t.tag)) AS tag, count(*) AS uses
  RETURN 2 AS section, 'TAGGED' AS relation, null AS id, tag AS name, toFloat(uses) AS weight
  ORDER BY weight DESC, name
  LIMIT toInteger($limit)
UNION ALL
  MATCH (model:Model {name: 'item-knn', status: 'active'})
  MATCH (m)-[s:SIMILAR {model: model.name, version: model.version}]->(n:Movie)
  RETURN 3 AS section, 'SIMILAR' AS relation, n.id AS id, n.title AS name, s.score AS weight
  ORDER BY s.rank
  LIMIT toInteger($limit)
UNION ALL
  MATCH (model:Model {name: 'content', status: 'active'})
  WITH 'content_' + model.slot + '_embedding' AS key
  WHERE any(x IN m[key] WHERE x <> 0)
  MATCH (n:Movie)
  WHERE n <> m AND any(x IN n[key] WHERE x <> 0)
  // vector.similarity.cosine gives (1 + cosine) / 2 and rejects zero vectors, hence the checks above
  RETURN 4 AS section, 'CONTENT' AS relation, n.id AS id, n.title AS name, 2 * vector.similarity.cosine(m[key], n[key]) - 1 AS weight
  ORDER BY weight DESC, id
  LIMIT toInteger($limit)
UNION ALL
  MATCH (m)<-[:RATED]-(:User)-[:RATED]->(n:Movie)
  WITH n, count(*) AS coRaters
  RETURN 5 AS section, 'CO_RATED' AS relation, n.id AS id, n.title AS name, toFloat(coRaters) AS weight
  ORDER BY weight DESC, id
  LIMIT toInteger($limit)
}
RETURN relation, id, name, weight
ORDER BY section, weight DESC, name
