// A batch of users' vectors; each row's props map holds slot-prefixed property names ("als_b_factors").
UNWIND $rows AS row
MATCH (u:User {id: toInteger(row.id)})
SET u += row.props
