// No fixed dimension: the content embedding has as many as the data supports (64 with a
// genome, fewer for releases with genres only), and Neo4j silently skips vectors of any
// other length than an index declares.
CREATE VECTOR INDEX movie_content_a IF NOT EXISTS
FOR (m:Movie) ON m.content_a_embedding
OPTIONS {indexConfig: {`vector.similarity_function`: 'cosine'}}
