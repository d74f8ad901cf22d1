// What the content model knows about each movie: its genome vector (null without one), genres and
// the free-text tags users gave it (one entry per application).
MATCH (m:Movie)
RETURN m.id AS id,
       m.genome AS genome,
       [(m)-[:IN_GENRE]->(g:Genre) | g.name] AS genres,
       [(m)<-[t:TAGGED]-(:User) | t.tag] AS tags
