// A batch of movies with their genres. Ids arrive as JS numbers (floats on the wire), hence toInteger.
UNWIND $rows AS row
MERGE (m:Movie {id: toInteger(row.id)})
SET m.title = row.title, m.year = toInteger(row.year)
WITH m, row
UNWIND row.genres AS genreName
MATCH (g:Genre {name: genreName})
MERGE (m)-[:IN_GENRE]->(g)
