// Every user id, ascending: the order of the dense user index models are trained on.
MATCH (u:User)
RETURN u.id AS id
ORDER BY id
