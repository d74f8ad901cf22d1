import { NO_GENRES } from "../../ingest/titles.js";
import type { CsrMatrix } from "./randomized-svd.js";

/** A movie × term TF-IDF matrix with its vocabulary. */
export interface TfidfMatrix extends CsrMatrix {
  /** Column t's term, sorted (so the columns do not depend on the order movies come in). */
  terms: string[];
  /** Inverse document frequency of each term. */
  idf: Float64Array;
}

/**
 * The terms describing one movie: each genre as "genre:<name>" and each
 * free-text tag as "tag:<text>", lower-cased and trimmed so "Pixar" and
 * " pixar" are one term. A tag applied by several users appears several
 * times, which is its term frequency. Empty tags and MovieLens's
 * "(no genres listed)" give no term.
 */
export function movieTerms(genres: readonly string[], tags: readonly string[]): string[] {
  const terms: string[] = [];
  for (const genre of genres) {
    const name = genre.trim().toLowerCase();
    if (name !== "" && name !== NO_GENRES) terms.push(`genre:${name}`);
  }
  for (const tag of tags) {
    const text = tag.trim().toLowerCase();
    if (text !== "") terms.push(`tag:${text}`);
  }
  return terms;
}

/**
 * TF-IDF weights of a set of documents (one term list per movie), as a sparse
 * CSR matrix with L2-normalised rows. The definition is scikit-learn's
 * TfidfVectorizer with its defaults (smooth_idf=True, sublinear_tf=False,
 * norm="l2"; https://scikit-learn.org/stable/modules/feature_extraction.html#tfidf-term-weighting):
 *
 *   tf(t, d)  = number of times t occurs in d
 *   idf(t)    = ln((1 + N) / (1 + df(t))) + 1
 *   w(t, d)   = tf(t, d) · idf(t),   then each row divided by its L2 norm
 *
 * where N is the number of documents and df(t) the number containing t. The
 * "+1"s act as one extra document holding every term, so no idf is infinite,
 * and the final +1 keeps terms present everywhere from vanishing. A document
 * without terms stays an all-zero row.
 */
export function tfidf(documents: readonly (readonly string[])[]): TfidfMatrix {
  const terms = [...new Set(documents.flat())].sort();
  const column = new Map(terms.map((term, t) => [term, t]));
  const rowCounts = documents.map((document) => {
    const counts = new Map<number, number>();
    for (const term of document) {
      const t = column.get(term)!;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    }
    return [...counts].sort((a, b) => a[0] - b[0]);
  });

  const df = new Float64Array(terms.length);
  for (const counts of rowCounts) for (const [t] of counts) df[t] += 1;
  const n = documents.length;
  const idf = df.map((d) => Math.log((1 + n) / (1 + d)) + 1);

  const ptr = new Int32Array(n + 1);
  rowCounts.forEach((counts, r) => (ptr[r + 1] = ptr[r] + counts.length));
  const indices = new Int32Array(ptr[n]);
  const values = new Float32Array(ptr[n]);
  rowCounts.forEach((counts, r) => {
    const weights = counts.map(([t, count]) => count * idf[t]);
    const norm = Math.sqrt(weights.reduce((sum, w) => sum + w * w, 0));
    counts.forEach(([t], e) => {
      indices[ptr[r] + e] = t;
      values[ptr[r] + e] = weights[e] / norm;
    });
  });
  return { rows: n, cols: terms.length, ptr, indices, values, terms, idf };
}
