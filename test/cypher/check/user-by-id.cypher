// A user's demographic properties.
MATCH (u:User {id: toInteger($id)})
RETURN u.gender AS gender, u.age AS age, u.occupation AS occupation
