// Keeps the database busy for far longer than a test's query timeout.
UNWIND range(1, 1000000000) AS x
WITH x WHERE x % 7 = 0
RETURN count(x) AS n
