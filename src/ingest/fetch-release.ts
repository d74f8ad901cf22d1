import { downloadRelease, GROUPLENS_BASE_URL, type DownloadOptions } from "./download.js";
import { UnreachableError } from "./http-get.js";
import type { Ml100kCounts } from "./recbole/atomic-ml100k.js";
import { ml100kFromPypi, RECBOLE_WHEEL, type PinnedWheel } from "./recbole/recbole-wheel.js";

export interface FetchOptions extends DownloadOptions {
  /** Replaces RECBOLE_WHEEL, the fallback source of ml-100k (a local server in tests). */
  wheel?: PinnedWheel;
  /** Replaces ML_100K_COUNTS (a tiny wheel in tests). */
  counts?: Ml100kCounts;
}

export interface FetchedRelease {
  /** The release folder, ready for openRelease. */
  dir: string;
  /** Where its files came from, in words, for the log. */
  source: string;
  /** What the user should know about this copy; empty for GroupLens' own files. */
  notes: string[];
}

/**
 * A release from GroupLens (see downloadRelease). ml-100k alone has a second
 * source: when GroupLens cannot be reached at all (not when it answers with an
 * error), the copy inside the pinned RecBole wheel on PyPI. GroupLens stays
 * the source whenever it answers, so a machine that is online again gets the
 * original files; both copies are cached apart.
 */
export async function fetchRelease(name: string, options: FetchOptions): Promise<FetchedRelease> {
  const grouplens = `GroupLens (${options.baseUrl ?? GROUPLENS_BASE_URL})`;
  try {
    return { dir: await downloadRelease(name, options), source: grouplens, notes: [] };
  } catch (error) {
    if (name !== "ml-100k" || !(error instanceof UnreachableError)) throw error;
    const wheel = options.wheel ?? RECBOLE_WHEEL;
    const dir = await ml100kFromPypi({ cacheDir: options.cacheDir, wheel, counts: options.counts, fetchImpl: options.fetchImpl, onProgress: options.onProgress });
    return {
      dir,
      source: `the copy in the PyPI package recbole ${wheel.version} (${wheel.url}, SHA-256 checked)`,
      notes: [
        error.message,
        "this copy has ml-100k's 100,000 ratings by 943 users of 1,682 movies (counted), but u.item has no IMDb URLs and no release dates: " +
          'years come from the titles, so movie 1412, "… (1995) (V)", has none',
      ],
    };
  }
}

/** What to tell the user about a fetched release: where it is, where it came from, and the notes. */
export function fetchReport(name: string, fetched: FetchedRelease): string[] {
  return [`${name}: ${fetched.dir}, from ${fetched.source}`, ...fetched.notes.map((note) => `note: ${note}`)];
}
