import { registerEnumType } from "type-graphql";

export const Similarity = { CONTENT: "CONTENT", CF: "CF", HYBRID: "HYBRID", GENRE: "GENRE" } as const;

registerEnumType(Similarity, {
  name: "Similarity",
  description: "What makes two movies similar",
  valuesConfig: {
    CONTENT: { description: "Tag-genome (or genre and tag) embeddings, cosine" },
    CF: { description: "Rated alike by the same users (item-kNN neighbours)" },
    HYBRID: { description: "Collaborative and content neighbours merged" },
    GENRE: { description: "Overlap of the genre sets (Jaccard)" },
  },
});
