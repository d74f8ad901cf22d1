// Users, with the demographics the classic releases carry (null elsewhere, which leaves them unset).
UNWIND $rows AS row
MERGE (u:User {id: toInteger(row.id)})
SET u.gender = row.gender, u.age = toInteger(row.age), u.occupation = row.occupation, u.zip = row.zip
