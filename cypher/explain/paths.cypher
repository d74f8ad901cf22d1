// Why a movie suits a user: whether both exist, the movie's title and rating count for the summary, and up
// to $first paths, strongest first within each kind. Every path is nodes and relationships (by elementId) that
// exist in the graph, and ties are broken by ids, so the same graph always gives the same explanation.
// One query, not one per kind: under load each transaction costs the server and the driver about as much
// CPU as a kind's own work, and running kinds side by side gains nothing once the cores are busy.
// The join hints keep each kind planned from both of its ends: left to itself the planner starts from one
// end and walks every rating of every movie on the way (10-40x the database hits). Labels that the
// relationship types already imply are left off where checking them would cost a read per row.
OPTIONAL MATCH (you:User {id: toInteger($userId)})
OPTIONAL MATCH (target:Movie {id: toInteger($movieId)})

// The movies a path may go through: your $favourites highest rated, the most recent first among equals.
// Without the bound the work grows with everything you ever rated (the heaviest rater, 2,698 ratings,
// cost 3x a typical user); with it, your strongest tastes are still where every reason starts.
CALL (you, target) {
  MATCH (you)-[mine:RATED]->(via)
  WHERE via <> target
  WITH via ORDER BY mine.rating DESC, mine.timestamp DESC, via.id
  LIMIT toInteger($favourites)
  RETURN collect(via) AS favourites
}

// CO_RATED: movies you liked that people who liked the target also liked, with how many such people
// (support); the path goes through the one with the lowest user id. Their rating of via is checked after
// the join with the target's fans, on the fraction of rows that survive it, not on every rating of via.
CALL (you, target, favourites) {
  MATCH (you)-[mine:RATED]->(via)<-[theirs:RATED]-(them)-[liked:RATED]->(target)
  USING JOIN ON them
  WHERE via IN favourites AND mine.rating >= $liked AND them <> you AND liked.rating >= $liked
  WITH you, mine, via, target, collect(CASE WHEN theirs.rating >= $liked THEN [them, theirs, liked] END) AS supporters
  WITH you, mine, via, target, size(supporters) AS support, supporters
  WHERE support > 0
  ORDER BY support * mine.rating DESC, via.id
  LIMIT toInteger($first)
  CALL (supporters) {
    UNWIND supporters AS supporter
    RETURN supporter AS example ORDER BY supporter[0].id LIMIT 1
  }
  WITH you, mine, via, target, support, example[0] AS them, example[1] AS theirs, example[2] AS liked
  RETURN collect({kind: 'CO_RATED', viaId: via.id, viaRating: mine.rating, support: support,
                  weight: toFloat(support) * mine.rating, shared: [],
                  nodes: [you, via, them, target],
                  relationships: [mine, theirs, liked]}) AS coRated
}

// SIMILAR_MOVIE: movies you rated whose item-kNN neighbours (the active version's SIMILAR relationships)
// include the target; support is how many users rated both, as `train` wrote it on the relationship (counted
// here, by joining the two movies' raters, only for relationships written before it did).
CALL (you, target, favourites) {
  MATCH (model:Model {name: 'item-knn', status: 'active'})
  WITH you, target, favourites, model.version AS version
  MATCH (you)-[mine:RATED]->(via)-[s:SIMILAR]->(target)
  USING JOIN ON via
  WHERE via IN favourites AND s.model = 'item-knn' AND s.version = version
  WITH you, mine, via, s, target
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
                  nodes: [you, via, target],
                  relationships: [mine, s]}) AS similarMovies
}

// SHARED_TAGS: movies you liked that share strongly relevant genome tags with the target; the strongest
// shared tag is the path.
CALL (you, target, favourites) {
  MATCH (target)-[targetTag:HAS_TAG]->(tag)<-[viaTag:HAS_TAG]-(via)<-[mine:RATED]-(you)
  USING JOIN ON via
  WHERE via IN favourites AND mine.rating >= $liked
  WITH you, mine, via, target, tag, viaTag, targetTag ORDER BY viaTag.relevance * targetTag.relevance DESC
  WITH you, mine, via, target, collect(tag.name) AS tags, count(tag) AS support,
       sum(viaTag.relevance * targetTag.relevance) AS overlap, head(collect([tag, viaTag, targetTag])) AS strongest
  ORDER BY overlap * mine.rating DESC, via.id
  LIMIT toInteger($first)
  WITH you, mine, via, target, tags, support, overlap, strongest[0] AS tag, strongest[1] AS viaTag, strongest[2] AS targetTag
  RETURN collect({kind: 'SHARED_TAGS', viaId: via.id, viaRating: mine.rating, support: support,
                  weight: overlap * mine.rating, shared: tags[..5],
                  nodes: [you, via, tag, target],
                  relationships: [mine, viaTag, targetTag]}) AS sharedTags
}

// SIMILAR_USER: users like you (the active user-kNN version's SIMILAR_USER relationships) who liked the
// target; support is how many movies you both rated, as `train` wrote it on the relationship (counted here
// only for relationships written before it did).
CALL (you, target) {
  MATCH (model:Model {name: 'user-knn', status: 'active'})
  WITH you, target, model.version AS version
  MATCH (you)-[s:SIMILAR_USER]->(them)-[liked:RATED]->(target)
  USING JOIN ON them
  WHERE s.model = 'user-knn' AND s.version = version AND liked.rating >= $liked
  WITH you, s, them, liked, target
  ORDER BY s.score * liked.rating DESC, them.id
  LIMIT toInteger($first)
  CALL (you, them, s) {
    WITH you, them, s WHERE s.support IS NULL
    MATCH (you)-[:RATED]->(both)<-[:RATED]-(them)
    USING JOIN ON both
    RETURN count(both) AS counted
  }
  WITH you, s, them, liked, target, coalesce(s.support, counted) AS support
  RETURN collect({kind: 'SIMILAR_USER', viaId: null, viaRating: null, support: support,
                  weight: s.score * liked.rating, shared: [],
                  nodes: [you, them, target],
                  relationships: [s, liked]}) AS similarUsers
}

// SHARED_GENRES: movies you liked in the target's genres, weighted by how many genres they share; the
// genres in name order, the first of them as the path. (Its labels stay: without them the planner starts
// from the genres and reads some 80x as much.)
CALL (you, target, favourites) {
  MATCH (you)-[mine:RATED]->(via:Movie)-[viaGenre:IN_GENRE]->(genre:Genre)<-[targetGenre:IN_GENRE]-(target)
  WHERE via IN favourites AND mine.rating >= $liked
  WITH you, mine, via, target, genre, viaGenre, targetGenre ORDER BY genre.name
  WITH you, mine, via, target, collect([genre, viaGenre, targetGenre]) AS shared
  ORDER BY size(shared) * mine.rating DESC, via.id
  LIMIT toInteger($first)
  WITH you, mine, via, target, shared, shared[0] AS strongest
  RETURN collect({kind: 'SHARED_GENRES', viaId: via.id, viaRating: mine.rating, support: size(shared),
                  weight: toFloat(size(shared)) * mine.rating, shared: [s IN shared | s[0].name],
                  nodes: [you, via, strongest[0], target],
                  relationships: [mine, strongest[1], strongest[2]]}) AS sharedGenres
}

// Up to $first paths, the kinds taking turns in the order above (taste shared with people, model neighbours,
// content, similar users, genres), so that every kind of reason shows before any kind's weaker paths. Only
// the chosen paths are turned into what a client draws.
WITH you, target, [coRated, similarMovies, sharedTags, similarUsers, sharedGenres] AS kinds
WITH you, target, reduce(turns = [], depth IN range(0, toInteger($first) - 1) |
       turns + [paths IN kinds WHERE size(paths) > depth | paths[depth]])[..toInteger($first)] AS chosen
RETURN you IS NOT NULL AS userExists, target.title AS title, COUNT { (target)<-[:RATED]-() } AS ratingCount,
       [p IN chosen | p {.kind, .viaId, .viaRating, .support, .weight, .shared,
                         nodes: [n IN p.nodes | {id: elementId(n), labels: labels(n), properties: n {.id, .title, .year, .name}}],
                         relationships: [r IN p.relationships | {id: elementId(r), type: type(r), start: elementId(startNode(r)), end: elementId(endNode(r)),
                                                                 properties: r {.rating, .score, .rank, .model, .version, .support, .relevance}}]}] AS paths
