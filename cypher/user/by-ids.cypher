// Users by id with their rating counts, for the user DataLoader.
MATCH (u:User)
WHERE u.id IN [id IN $ids | toInteger(id)]
RETURN u.id AS id, COUNT { (u)-[:RATED]->() } AS ratingCount
