// Node and relationship counts per label and type (answered from Neo4j's count store).
RETURN COUNT { (:User) } AS users,
       COUNT { (:Movie) } AS movies,
       COUNT { (:Genre) } AS genres,
       COUNT { (:GenomeTag) } AS genomeTags,
       COUNT { ()-[:RATED]->() } AS ratings,
       COUNT { ()-[:TAGGED]->() } AS tags,
       COUNT { ()-[:IN_GENRE]->() } AS movieGenres,
       COUNT { ()-[:HAS_TAG]->() } AS genomeScores
