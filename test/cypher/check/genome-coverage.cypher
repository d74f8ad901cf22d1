// How many movies carry a genome vector, its length, and how many of them have HAS_TAG paths.
MATCH (m:Movie)
WHERE m.genome IS NOT NULL
RETURN count(m) AS withVector,
       max(size(m.genome)) AS vectorLength,
       sum(CASE WHEN EXISTS { (m)-[:HAS_TAG]->() } THEN 1 ELSE 0 END) AS withTags
