import type { Similarity } from "./movie.queries";

export const SIMILARITY_OPTIONS: ReadonlyArray<{ value: Similarity; label: string; hint: string }> = [
  { value: "HYBRID", label: "Hybrid", hint: "Collaborative and content neighbours merged" },
  { value: "CONTENT", label: "Content", hint: "Tag-genome or genre and tag embeddings" },
  { value: "CF", label: "Collaborative", hint: "Rated alike by the same users (item-kNN)" },
  { value: "GENRE", label: "Genres", hint: "Overlap of the genre sets" },
];
