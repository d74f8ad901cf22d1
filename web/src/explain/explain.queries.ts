import { gql, type TypedDocumentNode } from "@apollo/client";
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

/** Asked for only when someone opens "Why this?": each explanation is several graph queries on the server. */
export const EXPLAIN: TypedDocumentNode<ExplainData, ExplainVariables> = gql`
  query Explain($userId: ID!, $movieId: ID!, $first: Int!) {
    explain(userId: $userId, movieId: $movieId, first: $first) {
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
  }
`;
