// Which pairs of movies were rated by the most of the same people?
// Pairs are formed among the $candidates most rated movies only: pairing every movie would
// mean tens of millions of pairs. A pair can have no more co-raters than either movie has
// raters, so a row is certain to be in the top list over the whole catalogue when its
// coRaters exceeds the rating count of the first movie left out (column `certain`).
// With minRating above 0.5 only ratings at least that high count, on both sides.
//
// @param limit int = 10  pairs to return
// @param candidates int = 100  most rated movies to pair up
// @param minRating float = 0.5  lowest rating that counts (0.5: any rating; 4: liked)
// @column movieA int  the pair's lower movie id
// @column titleA string  its title
// @column movieB int  the pair's higher movie id
// @column titleB string  its title
// @column coRaters int  people who rated both
// @column jaccard float  coRaters / people who rated either
// @column certain boolean  no pair outside the candidates can have as many co-raters
MATCH (m:Movie)
WITH m, COUNT { (m)<-[r:RATED]-() WHERE r.rating >= $minRating } AS ratings
ORDER BY ratings DESC, m.id
LIMIT toInteger($candidates) + 1
WITH collect(m) AS ranked, collect(ratings) AS counts
WITH ranked[..toInteger($candidates)] AS candidates, coalesce(counts[toInteger($candidates)], 0) AS bound
UNWIND candidates AS m
MATCH (m)<-[r:RATED]-(u:User)
WHERE r.rating >= $minRating
WITH bound, u, m
ORDER BY m.id
WITH bound, u, collect(m) AS rated
// Each pair once, lower id first: every movie with those after it in the user's sorted list.
UNWIND range(0, size(rated) - 2) AS i
UNWIND rated[i + 1..] AS b
WITH bound, rated[i] AS a, b, count(*) AS coRaters
ORDER BY coRaters DESC, a.id, b.id
LIMIT toInteger($limit)
WITH bound, a, b, coRaters,
     COUNT { (a)<-[r:RATED]-() WHERE r.rating >= $minRating } AS ratersA,
     COUNT { (b)<-[r:RATED]-() WHERE r.rating >= $minRating } AS ratersB
RETURN a.id AS movieA, a.title AS titleA, b.id AS movieB, b.title AS titleB, coRaters,
       toFloat(coRaters) / (ratersA + ratersB - coRaters) AS jaccard, coRaters > bound AS certain
ORDER BY coRaters DESC, movieA, movieB
