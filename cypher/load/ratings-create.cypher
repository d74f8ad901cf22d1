// The same ratings as load/ratings, for a first load into a graph without ratings whose file was
// checked to hold each (user, movie) pair once: nodes come by elementId (from load/node-keys) and
// CREATE skips MERGE's lookup of existing relationships. Rows: [userElementId, [[movieElementId, rating, timestamp], …]].
UNWIND $rows AS byUser
MATCH (u:User) WHERE elementId(u) = byUser[0]
WITH u, byUser
UNWIND byUser[1] AS row
MATCH (m:Movie) WHERE elementId(m) = row[0]
CREATE (u)-[:RATED {rating: toFloat(row[1]), timestamp: toInteger(row[2])}]->(m)
