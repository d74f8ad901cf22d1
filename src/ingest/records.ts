/**
 * Plain records every MovieLens format is parsed into. Loaders, validators and
 * the bulk exporter only ever see these shapes, never a file format.
 */

export interface MovieRecord {
  id: number;
  title: string;
  /** Release year split out of "Title (1995)", or null when the title has none. */
  year: number | null;
  genres: string[];
  imdbId?: string | null;
  tmdbId?: number | null;
}

export interface LinkRecord {
  movieId: number;
  /** Kept as text: IMDb ids carry leading zeros ("0114709"). */
  imdbId: string | null;
  tmdbId: number | null;
}

export interface RatingRecord {
  userId: number;
  movieId: number;
  rating: number;
  /** Unix seconds. */
  timestamp: number;
}

export interface TagRecord {
  userId: number;
  movieId: number;
  tag: string;
  timestamp: number;
}

/** Demographics shipped by the classic releases (ml-100k, ml-1m); absent from the CSV releases. */
export interface UserRecord {
  id: number;
  gender?: string | null;
  age?: number | null;
  occupation?: string | null;
  zip?: string | null;
}

export interface GenomeTagRecord {
  id: number;
  name: string;
}

export interface GenomeScoreRecord {
  movieId: number;
  tagId: number;
  relevance: number;
}

/** A record with the place it came from, so every error can name file and line. */
export interface Located<T> {
  value: T;
  file: string;
  line: number;
}
