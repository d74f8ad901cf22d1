import { gql, type TypedDocumentNode } from "@apollo/client";

export interface GenresData {
  genres: Array<{ __typename?: "Genre"; name: string; movieCount: number }>;
}

/** The genres of the loaded data set, by name. */
export const GENRES: TypedDocumentNode<GenresData, Record<string, never>> = gql`
  query Genres {
    genres {
      name
      movieCount
    }
  }
`;
