import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import type { IdIndex } from "../models/data/interactions.js";

const Q = { catalog: cypher("recommend/catalog") };

/** What filters need about every movie, by dense item index. */
export interface Catalog {
  years: Int32Array;
  /** Bit g of genreMask[i] is set when item i is in genreNames[g]. */
  genreMask: Uint32Array;
  genreNames: string[];
  ratingCounts: Int32Array;
}

const NO_YEAR = -1;

export async function loadCatalog(db: Database, items: IdIndex): Promise<Catalog> {
  const years = new Int32Array(items.size).fill(NO_YEAR);
  const genreMask = new Uint32Array(items.size);
  const ratingCounts = new Int32Array(items.size);
  const genreNames: string[] = [];
  const bit = new Map<string, number>();
  await db.stream(Q.catalog, {}, (row) => {
    const i = items.indexOf(row.id as number);
    if (i < 0) return;
    years[i] = (row.year as number | null) ?? NO_YEAR;
    ratingCounts[i] = row.ratingCount as number;
    for (const name of row.genres as string[]) {
      if (!bit.has(name)) {
        if (genreNames.length === 32) throw new Error("more than 32 genres: the genre bit mask cannot hold them");
        bit.set(name, genreNames.length);
        genreNames.push(name);
      }
      genreMask[i] |= 1 << bit.get(name)!;
    }
  });
  return { years, genreMask, genreNames, ratingCounts };
}

export interface CatalogFilter {
  /** Keep movies in at least one of these genres. */
  genres?: string[] | null;
  /** Drop movies in any of these genres. */
  excludeGenres?: string[] | null;
  yearFrom?: number | null;
  yearTo?: number | null;
  minRatingCount?: number | null;
}

/** 1 for every item the filter keeps. Unknown genre names keep nothing (genres) or drop nothing (excludeGenres). */
export function filterMask(catalog: Catalog, filter: CatalogFilter): Uint8Array {
  const maskOf = (names: string[]) =>
    names.reduce((m, name) => {
      const g = catalog.genreNames.indexOf(name);
      return g < 0 ? m : m | (1 << g);
    }, 0);
  const include = filter.genres?.length ? maskOf(filter.genres) : -1;
  const exclude = filter.excludeGenres?.length ? maskOf(filter.excludeGenres) : 0;
  const n = catalog.years.length;
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) {
    if (include !== -1 && (catalog.genreMask[i] & include) === 0) continue;
    if ((catalog.genreMask[i] & exclude) !== 0) continue;
    const year = catalog.years[i];
    if (filter.yearFrom != null && (year === NO_YEAR || year < filter.yearFrom)) continue;
    if (filter.yearTo != null && (year === NO_YEAR || year > filter.yearTo)) continue;
    if (filter.minRatingCount != null && catalog.ratingCounts[i] < filter.minRatingCount) continue;
    out[i] = 1;
  }
  return out;
}
