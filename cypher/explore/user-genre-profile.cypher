// What is a user's taste by genre: how much of what they rate falls in each genre, and how
// they rate it compared with their own average and with everyone's share of that genre?
// A movie with several genres counts once in each. No row for an unknown user.
//
// @param userId int = 1  the user
// @param limit int = 20  genres to return, most rated first
// @column genre string  genre name
// @column ratings int  the user's ratings of movies in the genre
// @column share float  ratings / the user's ratings
// @column everyoneShare float  the same share over all users' ratings
// @column lift float  share / everyoneShare: above 1, the user rates this genre more than most
// @column averageRating float  the user's mean rating in the genre
// @column vsOwnMean float  averageRating minus the user's mean over all their ratings
MATCH (u:User {id: toInteger($userId)})-[r:RATED]->(:Movie)
WITH u, count(r) AS total, avg(r.rating) AS userMean
MATCH (u)-[r:RATED]->(:Movie)-[:IN_GENRE]->(g:Genre)
WITH g, total, userMean, count(r) AS ratings, avg(r.rating) AS averageRating
ORDER BY ratings DESC, g.name
LIMIT toInteger($limit)
WITH g, total, userMean, ratings, averageRating, COUNT { ()-[:RATED]->() } AS allRatings,
     COUNT { (g)<-[:IN_GENRE]-(:Movie)<-[:RATED]-(:User) } AS genreRatings
WITH g, ratings, averageRating, userMean, toFloat(ratings) / total AS share, toFloat(genreRatings) / allRatings AS everyoneShare
RETURN g.name AS genre, ratings, share, everyoneShare, share / everyoneShare AS lift, averageRating,
       averageRating - userMean AS vsOwnMean
ORDER BY ratings DESC, genre
