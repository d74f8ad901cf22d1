import { gql, type TypedDocumentNode } from "@apollo/client";

/** The fields MovieCard shows; every list of movies spreads this fragment. */
export interface MovieCardData {
  __typename?: "Movie";
  id: string;
  title: string;
  year: number | null;
  genres: string[];
  averageRating: number | null;
  ratingCount: number;
  posterUrl: string | null;
}

export const MOVIE_CARD_FIELDS: TypedDocumentNode<MovieCardData> = gql`
  fragment MovieCard on Movie {
    id
    title
    year
    genres
    averageRating
    ratingCount
    posterUrl
  }
`;
