// The bench's temporary index on (:BenchItem) vectors. For factor models they are MIPS-transformed,
// all of one norm, so cosine ranks them as the inner product does (see mipsItems in src/bench/vector-math.ts).
CREATE VECTOR INDEX bench_items IF NOT EXISTS
FOR (n:BenchItem) ON n.vector
OPTIONS {indexConfig: {
  `vector.dimensions`: toInteger($dimensions),
  `vector.similarity_function`: 'cosine',
  `vector.quantization.enabled`: $quantization
}}
