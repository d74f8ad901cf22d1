CREATE VECTOR INDEX movie_content_b IF NOT EXISTS
FOR (m:Movie) ON m.content_b_embedding
OPTIONS {indexConfig: {`vector.dimensions`: 64, `vector.similarity_function`: 'cosine'}}
