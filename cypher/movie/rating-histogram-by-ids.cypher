// How many ratings of each value (0.5 to 5 in half stars) each movie has; every bucket is
// returned, empty ones with count 0, so charts need no filling in.
MATCH (m:Movie)
WHERE m.id IN [id IN $ids | toInteger(id)]
OPTIONAL MATCH (m)<-[r:RATED]-()
WITH m, r.rating AS rating, count(r) AS count
WITH m, collect([rating, count]) AS counted
RETURN m.id AS id,
       [step IN range(1, 10) | {
         rating: step / 2.0,
         count: coalesce(head([c IN counted WHERE c[0] = step / 2.0 | c[1]]), 0)
       }] AS buckets
