import { gql, type TypedDocumentNode } from "@apollo/client";
import type { MovieRatingInput } from "../visitor/visitor.queries";
import type { GraphPath } from "./explanation-graph";

export interface ExplainData {
  explain: {
    summary: string;
    paths: Array<GraphPath & { weight: number; via: { __typename?: "Movie"; id: string; title: string } | null }>;
  };
}

export interface ExplainVariables {
  userId: string;
  movieId: string;
  first: number;
}

export interface ExplainForData {
  explainFor: ExplainData["explain"];
}

export interface ExplainForVariables {
  ratings: MovieRatingInput[];
  movieId: string;
  first: number;
}

/** Whom "Why this?" explains for: a stored user, or an anonymous visitor by the ratings they gave. */
export type Audience = { userId: string } | { ratings: MovieRatingInput[] };

/** What both explanation queries ask for. */
const EXPLANATION_PARTS = gql`
  fragment ExplanationParts on Explanation {
    summary
    paths {
      kind
      via {
        id
        title
      }
      viaRating
      weight
      support
      shared
      nodes {
        id
        labels
        properties
      }
      relationships {
        id
        type
        start
        end
        properties
      }
    }
  }
`;

/** Asked for only when someone opens "Why this?": each explanation is several graph queries on the server. */
export const EXPLAIN: TypedDocumentNode<ExplainData, ExplainVariables> = gql`
  query Explain($userId: ID!, $movieId: ID!, $first: Int!) {
    explain(userId: $userId, movieId: $movieId, first: $first) {
      ...ExplanationParts
    }
  }
  ${EXPLANATION_PARTS}
`;

/** The same for an anonymous visitor: its paths start at the movies they rated. */
export const EXPLAIN_FOR: TypedDocumentNode<ExplainForData, ExplainForVariables> = gql`
  query ExplainFor($ratings: [MovieRatingInput!], $movieId: ID!, $first: Int!) {
    explainFor(ratings: $ratings, movieId: $movieId, first: $first) {
      ...ExplanationParts
    }
  }
  ${EXPLANATION_PARTS}
`;
