// Who tags the most, and with what?
// Tags are compared case- and space-insensitively ("Funny" and "funny " are one tag).
//
// @param limit int = 10  users to return
// @column userId int  the user
// @column tags int  tag applications (one per user, movie and tag)
// @column distinctTags int  different tags used
// @column movies int  movies tagged
// @column ratings int  the user's ratings, to compare
// @column favourites string[]  the three tags the user applied most often
MATCH (u:User)-[t:TAGGED]->(m:Movie)
WITH u, count(t) AS tags, count(DISTINCT toLower(trim(t.tag))) AS distinctTags, count(DISTINCT m) AS movies
ORDER BY tags DESC, u.id
LIMIT toInteger($limit)
RETURN u.id AS userId, tags, distinctTags, movies, COUNT { (u)-[:RATED]->() } AS ratings,
       COLLECT {
         MATCH (u)-[t:TAGGED]->()
         WITH toLower(trim(t.tag)) AS tag, count(*) AS uses
         ORDER BY uses DESC, tag
         LIMIT 3
         RETURN tag
       } AS favourites
ORDER BY tags DESC, userId
