// What are the best rated movies of each genre, without movies that a handful of 5-star
// ratings put on top?
// Ranks by a Bayesian average: (prior × the mean of all ratings + the movie's rating sum) /
// (prior + the movie's number of ratings), i.e. every movie starts with `prior` ratings at the
// global mean. An empty genre means every genre.
//
// @param genre string = ""  only this genre ("" for all, e.g. "Film-Noir")
// @param perGenre int = 3  movies per genre
// @param prior int = 10  pseudo-ratings at the global mean added to every movie
// @column genre string  genre name
// @column rank int  the movie's place in its genre (1 = best)
// @column movieId int  the movie
// @column title string  its title
// @column year int?  its year, when the title had one
// @column ratings int  its number of ratings
// @column averageRating float  its plain mean rating
// @column bayesianAverage float  the ranking score
MATCH ()-[r:RATED]->()
WITH avg(r.rating) AS globalMean
MATCH (g:Genre)
WHERE $genre = '' OR g.name = $genre
CALL (g, globalMean) {
  MATCH (g)<-[:IN_GENRE]-(m:Movie)<-[r:RATED]-()
  WITH m, count(r) AS ratings, avg(r.rating) AS averageRating, sum(r.rating) AS total
  WITH m, ratings, averageRating, (toInteger($prior) * globalMean + total) / (toInteger($prior) + ratings) AS bayesianAverage
  ORDER BY bayesianAverage DESC, m.id
  LIMIT toInteger($perGenre)
  RETURN collect([m, ratings, averageRating, bayesianAverage]) AS best
}
UNWIND range(0, size(best) - 1) AS i
WITH g, i + 1 AS rank, best[i][0] AS m, best[i][1] AS ratings, best[i][2] AS averageRating, best[i][3] AS bayesianAverage
RETURN g.name AS genre, rank, m.id AS movieId, m.title AS title, m.year AS year, ratings, averageRating, bayesianAverage
ORDER BY genre, rank
