// A user with no ratings.
MERGE (:User {id: toInteger($userId)})
