// Why a movie suits a visitor who is not a user, from the (movieId, rating) pairs they gave ($ratings):
// the target's title and rating count for the summary, and up to $first paths, strongest first within
// each kind. As explain/paths, but each path starts at a movie the visitor rated, since there is no user node
// to start from; the visitor's rating of it is `viaRating`. There is no SIMILAR_USER kind: a visitor has
// no neighbours. Every path is nodes and relationships (by elementId) that exist in the graph.
OPTIONAL MATCH (target:Movie {id: toInteger($movieId)})
WITH target, [r IN $ratings | {movieId: toInteger(r.movieId), rating: toFloat(r.rating)}] AS ratings

// CO_RATED: movies the visitor liked that people who liked the target also liked, with how many such
// people (support); the path goes through the one with the lowest user id.
CALL (target, ratings) {
  UNWIND ratings AS mine
  WITH target, mine WHERE mine.rating >= $liked AND mine.movieId <> target.id
  MATCH (via:Movie {id: mine.movieId})<-[theirs:RATED]-(them)-[liked:RATED]->(target)
  USING JOIN ON them
  WHERE liked.rating >= $liked
  WITH mine, via, target, collect(CASE WHEN theirs.rating >= $liked THEN [them, theirs, liked] END) AS supporters
  WITH mine, via, target, size(supporters) AS support, supporters
  WHERE support > 0
  ORDER BY support * mine.rating DESC, via.id
  LIMIT toInteger($first)
  CALL (supporters) {
    UNWIND supporters AS supporter
    RETURN supporter AS example ORDER BY supporter[0].id LIMIT 1
  }
  WITH mine, via, target, support, example[0] AS them, example[1] AS theirs, example[2] AS liked
  RETURN collect({kind: 'CO_RATED', viaId: via.id, viaRating: mine.rating, support: support,
                  weight: toFloat(support) * mine.rating, shared: [],
                  nodes: [via, them, target],
                  relationships: [theirs, liked]}) AS coRated
}

// SIMILAR_MOVIE: movies the visitor rated whose item-kNN neighbours (the active version's SIMILAR
// relationships) include the target; support is how many users rated both, as `train` wrote it on the
// relationship (counted here only for relationships written before it did).
CALL (target, ratings) {
  MATCH (model:Model {name: 'item-knn', status: 'active'})
  WITH target, ratings, model.version AS version
  UNWIND ratings AS mine
  MATCH (via:Movie {id: mine.movieId})-[s:SIMILAR]->(target)
  WHERE s.model = 'item-knn' AND s.version = version
  WITH mine, via, s, target
  ORDER BY s.score * mine.rating DESC, via.id
  LIMIT toInteger($first)
  CALL (via, target, s) {
    WITH via, target, s WHERE s.support IS NULL
    MATCH (via)<-[:RATED]-(both)-[:RATED]->(target)
    USING JOIN ON both
    RETURN count(both) AS counted
  }
  WITH mine, via, s, target, coalesce(s.support, counted) AS support
  RETURN collect({kind: 'SIMILAR_MOVIE', viaId: via.id, viaRating: mine.rating, support: support,
                  weight: s.score * mine.rating, shared: [],
                  nodes: [via, target],
                  relationships: [s]}) AS similarMovies
}

// SHARED_TAGS: movies the visitor liked that share strongly relevant genome tags with the target; the
// strongest shared tag is the path.
CALL (target, ratings) {
  UNWIND ratings AS mine
  WITH target, mine WHERE mine.rating >= $liked AND mine.movieId <> target.id
  MATCH (target)-[targetTag:HAS_TAG]->(tag)<-[viaTag:HAS_TAG]-(via:Movie {id: mine.movieId})
  WITH mine, via, target, tag, viaTag, targetTag ORDER BY viaTag.relevance * targetTag.relevance DESC
  WITH mine, via, target, collect(tag.name) AS tags, count(tag) AS support,
       sum(viaTag.relevance * targetTag.relevance) AS overlap, head(collect([tag, viaTag, targetTag])) AS strongest
  ORDER BY overlap * mine.rating DESC, via.id
  LIMIT toInteger($first)
  WITH mine, via, target, tags, support, overlap, strongest[0] AS tag, strongest[1] AS viaTag, strongest[2] AS targetTag
  RETURN collect({kind: 'SHARED_TAGS', viaId: via.id, viaRating: mine.rating, support: support,
                  weight: overlap * mine.rating, shared: tags[..5],
                  nodes: [via, tag, target],
                  relationships: [viaTag, targetTag]}) AS sharedTags
}

// SHARED_GENRES: movies the visitor liked in the target's genres, weighted by how many genres they share;
// the genres in name order, the first of them as the path.
CALL (target, ratings) {
  UNWIND ratings AS mine
  WITH target, mine WHERE mine.rating >= $liked AND mine.movieId <> target.id
  MATCH (via:Movie {id: mine.movieId})-[viaGenre:IN_GENRE]->(genre:Genre)<-[targetGenre:IN_GENRE]-(target)
  WITH mine, via, target, genre, viaGenre, targetGenre ORDER BY genre.name
  WITH mine, via, target, collect([genre, viaGenre, targetGenre]) AS shared
  ORDER BY size(shared) * mine.rating DESC, via.id
  LIMIT toInteger($first)
  WITH mine, via, target, shared, shared[0] AS strongest
  RETURN collect({kind: 'SHARED_GENRES', viaId: via.id, viaRating: mine.rating, support: size(shared),
                  weight: toFloat(size(shared)) * mine.rating, shared: [s IN shared | s[0].name],
                  nodes: [via, strongest[0], target],
                  relationships: [strongest[1], strongest[2]]}) AS sharedGenres
}

// Up to $first paths, the kinds taking turns in the order above (taste shared with people, model neighbours,
// content, genres), so that every kind of reason shows before any kind's weaker paths. Only
// the chosen paths are turned into what a client draws.
WITH target, [coRated, similarMovies, sharedTags, sharedGenres] AS kinds
WITH target, reduce(turns = [], depth IN range(0, toInteger($first) - 1) |
       turns + [paths IN kinds WHERE size(paths) > depth | paths[depth]])[..toInteger($first)] AS chosen
RETURN target.title AS title, COUNT { (target)<-[:RATED]-() } AS ratingCount,
       [p IN chosen | p {.kind, .viaId, .viaRating, .support, .weight, .shared,
                         nodes: [n IN p.nodes | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year, .name}}],
                         relationships: [r IN p.relationships | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)),
                                                                 properties: r {.rating, .score, .rank, .model, .version, .support, .relevance}}]}] AS paths
