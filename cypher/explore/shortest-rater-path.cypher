// How are two movies connected through the people who rated them: what is the shortest chain
// movie ← rater → movie ← rater → … → other movie?
// One shortest path over RATED relationships (up to 5 raters), optionally only through
// ratings of at least minRating (e.g. 4: a chain of people who liked each step). No row when
// either movie is unknown, both are the same movie, or no such path exists.
//
// @param movieId int = 1  where the path starts (1: Toy Story)
// @param otherId int = 3106  where it ends (3106: Come See the Paradise, rated by one person)
// @param minRating float = 0.5  lowest rating a step may use (0.5: any rating)
// @column raters int  people on the path
// @column hops int  relationships on the path (2 × raters)
// @column path string[]  the nodes in order: movie titles with their year, and "user <id>"
// @column ratings float[]  the rating on each relationship, in path order
MATCH (a:Movie {id: toInteger($movieId)}), (b:Movie {id: toInteger($otherId)})
WHERE a <> b
MATCH p = shortestPath((a)-[:RATED*..10]-(b))
WHERE all(r IN relationships(p) WHERE r.rating >= $minRating)
RETURN length(p) / 2 AS raters, length(p) AS hops,
       [n IN nodes(p) | CASE WHEN n:User THEN 'user ' + toString(n.id) ELSE n.title + coalesce(' (' + toString(n.year) + ')', '') END] AS path,
       [r IN relationships(p) | r.rating] AS ratings
