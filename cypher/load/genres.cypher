// Genre nodes for every genre name in the release.
UNWIND $names AS name
MERGE (:Genre {name: name})
