CREATE VECTOR INDEX movie_content_a IF NOT EXISTS
FOR (m:Movie) ON m.content_a_embedding
OPTIONS {indexConfig: {`vector.dimensions`: 64, `vector.similarity_function`: 'cosine'}}
