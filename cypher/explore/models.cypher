// Which model versions does the graph hold, which are active, and how much of each was written?
// Readers (the API and the other queries of this pack) only follow the active version of each
// model; retired versions stay until `train --prune`. Property names of a version are
// <model>_<slot>_<vector> (dashes become underscores), e.g. als_a_factors on User and Movie.
//
// @column name string  model name, e.g. item-knn
// @column kind string  model kind
// @column version int  version number, counting up per model
// @column slot string  property slot, a or b
// @column status string  writing, active or retired
// @column trainedAt string?  when the version was activated (null while writing)
// @column itemVectors string[]  per-movie vectors, as name:dimension
// @column userVectors string[]  per-user vectors, as name:dimension
// @column neighbourLinks int  its SIMILAR and SIMILAR_USER relationships
// @column params string  training parameters, as JSON
// One pass over the neighbour relationships for all versions, rather than one per version.
CALL () {
  MATCH ()-[s:SIMILAR|SIMILAR_USER]->()
  WITH s.model AS model, s.version AS version, count(*) AS links
  RETURN collect({model: model, version: version, links: links}) AS counts
}
MATCH (m:Model)
RETURN m.name AS name, m.kind AS kind, m.version AS version, m.slot AS slot, m.status AS status,
       toString(m.trainedAt) AS trainedAt, coalesce(m.itemVectors, []) AS itemVectors, coalesce(m.userVectors, []) AS userVectors,
       coalesce(head([c IN counts WHERE c.model = m.name AND c.version = m.version | c.links]), 0) AS neighbourLinks,
       m.params AS params
ORDER BY name, version DESC
