// Every user's values of the given vector properties (null where the user has none).
MATCH (u:User)
RETURN u.id AS id, [key IN $keys | u[key]] AS values
