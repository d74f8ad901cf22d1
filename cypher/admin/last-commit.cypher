// Reads nothing: what the caller wants is the bookmark the session ends with, which names the last transaction committed to the database.
RETURN 1 AS ok
