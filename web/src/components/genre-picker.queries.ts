import { gql, type TypedDocumentNode } from "@apollo/client";

export interface GenresData {
  stats: { __typename?: "Stats"; ratingsPerGenre: Array<{ genre: string }> };
}

/** The genres of the loaded data set, most rated first. */
export const GENRES: TypedDocumentNode<GenresData, Record<string, never>> = gql`
  query Genres {
    stats {
      ratingsPerGenre {
        genre
      }
    }
  }
`;
