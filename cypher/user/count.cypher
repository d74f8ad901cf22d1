// How many users there are, for the user list's totalCount.
MATCH (u:User)
RETURN count(u) AS total
