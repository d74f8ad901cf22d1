// Creates a user with the given id, or the next free one when $id is null; no row when the id is taken.
OPTIONAL MATCH (existing:User)
WITH coalesce($id, max(existing.id) + 1, 1) AS id
WHERE NOT EXISTS { (:User {id: toInteger(id)}) }
CREATE (u:User {id: toInteger(id)})
RETURN u.id AS id
