import { LoadError } from "./load-error.js";
import type { GenomeScoreRecord, Located } from "./records.js";

/** One movie's relevance for every genome tag, index = tagId - 1. */
export interface GenomeVector {
  movieId: number;
  values: number[];
  /** False when the file stops before the movie's last tag. */
  complete: boolean;
}

/**
 * Groups genome-scores rows (sorted by movieId, then tagId, as GroupLens ships
 * them) into one vector per movie while streaming, so only one movie is in
 * memory at a time.
 */
export async function* genomeVectors(
  scores: AsyncIterable<Located<GenomeScoreRecord>>,
  tagCount: number,
): AsyncGenerator<GenomeVector> {
  const finished = new Set<number>();
  let current: { movieId: number; values: number[]; seen: Uint8Array; count: number } | undefined;
  const close = (): GenomeVector | undefined => {
    if (!current) return undefined;
    finished.add(current.movieId);
    return { movieId: current.movieId, values: current.values, complete: current.count === tagCount };
  };
  for await (const { value, file, line } of scores) {
    if (value.tagId > tagCount) {
      throw new LoadError(`tag ${value.tagId} is not in genome-tags.csv (${tagCount} tags)`, file, line, "tagId");
    }
    if (!current || current.movieId !== value.movieId) {
      if (finished.has(value.movieId)) {
        throw new LoadError(`movie ${value.movieId} appears again: the file must be sorted by movieId`, file, line, "movieId");
      }
      const vector = close();
      if (vector) yield vector;
      current = { movieId: value.movieId, values: new Array<number>(tagCount).fill(0), seen: new Uint8Array(tagCount), count: 0 };
    }
    if (current.seen[value.tagId - 1] === 1) {
      throw new LoadError(`movie ${value.movieId} has tag ${value.tagId} twice`, file, line, "tagId");
    }
    current.seen[value.tagId - 1] = 1;
    current.count += 1;
    current.values[value.tagId - 1] = value.relevance;
  }
  const last = close();
  if (last) yield last;
}

export interface TagSelection {
  /** Tags at least this relevant become HAS_TAG relationships… */
  minRelevance: number;
  /** …but at most this many per movie… */
  maxTags: number;
  /** …and at least this many (the most relevant), so every movie has some paths. */
  minTags: number;
}

export const DEFAULT_TAG_SELECTION: TagSelection = { minRelevance: 0.5, maxTags: 50, minTags: 5 };

/** The [tagId, relevance] pairs that become relationships, most relevant first, ties by tag id. */
export function selectTopTags(values: number[], selection: TagSelection = DEFAULT_TAG_SELECTION): Array<[number, number]> {
  const ranked = values
    .map((relevance, i): [number, number] => [i + 1, relevance])
    .filter(([, relevance]) => relevance > 0)
    .sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const above = ranked.filter(([, relevance]) => relevance >= selection.minRelevance).length;
  return ranked.slice(0, Math.min(selection.maxTags, Math.max(selection.minTags, above)));
}
