// A batch of movies' vectors; each row's props map holds slot-prefixed property names ("content_a_embedding").
UNWIND $rows AS row
MATCH (m:Movie {id: toInteger(row.id)})
SET m += row.props
