import type {
  GenomeScoreRecord,
  GenomeTagRecord,
  LinkRecord,
  Located,
  MovieRecord,
  RatingRecord,
  TagRecord,
  UserRecord,
} from "./records.js";

export type ReleaseFormat = "csv" | "ml-100k" | "ml-1m";

/**
 * One MovieLens release folder, whatever its format. Every stream can be read
 * more than once (validation reads everything, then the write pass reads again),
 * and yields records in file order with their file and line.
 */
export interface Release {
  format: ReleaseFormat;
  /** Folder name, e.g. "ml-latest-small"; identifies the data set in the graph. */
  name: string;
  dir: string;
  /** Files this release reads, absolute paths, for fingerprints and messages. */
  files: string[];
  movies(): AsyncIterable<Located<MovieRecord>>;
  links(): AsyncIterable<Located<LinkRecord>>;
  ratings(): AsyncIterable<Located<RatingRecord>>;
  tags(): AsyncIterable<Located<TagRecord>>;
  users(): AsyncIterable<Located<UserRecord>>;
  genomeTags(): AsyncIterable<Located<GenomeTagRecord>>;
  genomeScores(): AsyncIterable<Located<GenomeScoreRecord>>;
  /** Total bytes of the ratings file(s), for progress estimates. */
  ratingsBytes(): number;
}
