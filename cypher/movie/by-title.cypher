// Movies whose title matches exactly, ignoring case and surrounding spaces; "Title (1995)" also
// matches on title and year.
MATCH (m:Movie)
WHERE toLower(m.title) = toLower(trim($title))
   OR toLower(m.title + ' (' + toString(m.year) + ')') = toLower(trim($title))
RETURN m.id AS id, m.title AS title, m.year AS year
ORDER BY m.year, m.id
