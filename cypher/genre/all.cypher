// Every genre with how many movies it has, by name.
MATCH (g:Genre)
RETURN g.name AS name, COUNT { (g)<-[:IN_GENRE]-(:Movie) } AS movieCount
ORDER BY name
