// Which free-text tags do the most people use, and are they also in the tag genome?
// Tags are compared case- and space-insensitively. Sorted by the number of people using a tag,
// so one prolific tagger cannot fill the list alone.
//
// @param limit int = 20  tags to return
// @column tag string  the tag, lower-cased
// @column users int  people who used it
// @column uses int  times it was applied (one per user and movie)
// @column movies int  movies it was applied to
// @column inGenome boolean  a genome tag (all lower-case) has this name; false when no genome is loaded
// @column examples string[]  three of the movies it was applied to, most tagged first
MATCH (u:User)-[t:TAGGED]->(m:Movie)
WITH toLower(trim(t.tag)) AS tag, count(DISTINCT u) AS users, count(t) AS uses, count(DISTINCT m) AS movies
ORDER BY users DESC, uses DESC, tag
LIMIT toInteger($limit)
RETURN tag, users, uses, movies,
       EXISTS { (:GenomeTag {name: tag}) } AS inGenome,
       COLLECT {
         MATCH (:User)-[t:TAGGED]->(m:Movie)
         WHERE toLower(trim(t.tag)) = tag
         WITH m, count(*) AS times
         ORDER BY times DESC, m.id
         LIMIT 3
         RETURN m.title
       } AS examples
ORDER BY users DESC, uses DESC, tag
