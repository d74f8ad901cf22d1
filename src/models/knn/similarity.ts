import { z } from "zod";
import type { RatingMatrix } from "../data/rating-matrix.js";
import type { Neighbors } from "../model.js";

/**
 * The similarity measures, as defined by Desrosiers and Karypis, "A
 * Comprehensive Survey of Neighborhood-based Recommendation Methods"
 * (Recommender Systems Handbook, 2011, ch. 4). For rows a, b over columns c,
 * with C_ab the columns both rows have a value in:
 *
 * - "cosine": Σ_{C_ab} r_ac r_bc / (√Σ_{c∈C_a} r_ac² · √Σ_{c∈C_b} r_bc²), the
 *   vector cosine with missing values as 0, so the norms run over each row's
 *   own entries and a small overlap gives a small similarity.
 * - "adjusted-cosine": x_ac = r_ac − r̄_c, each value centred on its column's
 *   mean (for items, the user's mean rating: Sarwar et al., "Item-based
 *   collaborative filtering recommendation algorithms", WWW 2001, §3.1.3),
 *   then Σ_{C_ab} x_ac x_bc / (√Σ_{C_ab} x_ac² · √Σ_{C_ab} x_bc²).
 * - "pearson": the same with x_ac = r_ac − r̄_a, each row centred on the mean
 *   of all its own values (the survey's r̄_u), not on its mean over C_ab: one
 *   mean per row instead of one per pair, which the sparse accumulation below
 *   can subtract up front. Sums still run over C_ab only.
 *
 * Every measure is then shrunk toward 0 when the support n = |C_ab| is small,
 * s · n / (n + shrinkage) (Koren, "Factorization meets the neighborhood",
 * KDD 2008, §2.2), and set to 0 when n < minSupport.
 */
export const SimilarityMeasure = z.enum(["cosine", "adjusted-cosine", "pearson"]);
export type SimilarityMeasure = z.infer<typeof SimilarityMeasure>;

/** How rows are compared and how many neighbours each keeps. */
export interface SimilarityOptions {
  measure: SimilarityMeasure;
  /** The shrinkage constant of Koren (2008); 0 turns it off. */
  shrinkage: number;
  /** Pairs with fewer common columns than this get similarity 0. */
  minSupport: number;
  /** K: how many neighbours each row keeps (the top-K list). */
  maxNeighborsPerRow: number;
}

/**
 * The lists the kNN models rank with (rankUser, rankProfile): plain "cosine"
 * without shrinkage, with the models' own minimum support and K. Cosine keeps
 * missing ratings as 0, so it rewards pairs rated together often relative to
 * how often each is rated, the co-occurrence signal of top-N recommendation
 * (Deshpande & Karypis, "Item-based top-N recommendation algorithms", TOIS
 * 22(1), 2004, §4). Centred measures drop that signal and keep only whether
 * ratings agree, and shrinkage, which steadies rating predictions, measurably
 * hurts ranking. On ml-latest-small (5-fold, relevant = rating ≥ 4, K = 50),
 * NDCG@10 of item-kNN ranking by Σ s_ij r_uj is 0.224 with adjusted cosine
 * shrunk by 100, 0.263 with cosine shrunk by 100 and 0.274 with unshrunk
 * cosine (0.276 with minimum support 1 instead of 3, for 1.7× the time); of
 * user-kNN, 0.257 with cosine shrunk by 100 and 0.273 unshrunk. Binarising
 * the ratings first ranks worse (item-kNN, minimum support 1: 0.268 against 0.276).
 */
export function rankingOptions(config: { minSupport: number; neighbors: number }): SimilarityOptions {
  return { measure: "cosine", shrinkage: 0, minSupport: config.minSupport, maxNeighborsPerRow: config.neighbors };
}

/**
 * A sparse matrix held both ways, both sorted by index, with at most one value
 * per (row, column). The vectors compared are its rows.
 */
export interface SparseRows {
  nRows: number;
  nCols: number;
  rowPtr: Int32Array;
  rowIndex: Int32Array;
  rowValues: Float32Array;
  colPtr: Int32Array;
  colIndex: Int32Array;
  colValues: Float32Array;
}

/** Items as rows (their columns of the rating matrix), for item-item similarity. */
export function itemRows(m: RatingMatrix): SparseRows {
  return {
    nRows: m.nItems,
    nCols: m.nUsers,
    rowPtr: m.itemPtr,
    rowIndex: m.itemUsers,
    rowValues: m.itemRatings,
    colPtr: m.userPtr,
    colIndex: m.userItems,
    colValues: m.userRatings,
  };
}

/** Users as rows, for user-user similarity. */
export function userRows(m: RatingMatrix): SparseRows {
  return {
    nRows: m.nUsers,
    nCols: m.nItems,
    rowPtr: m.userPtr,
    rowIndex: m.userItems,
    rowValues: m.userRatings,
    colPtr: m.itemPtr,
    colIndex: m.itemUsers,
    colValues: m.itemRatings,
  };
}

/**
 * The number of pair updates `allPairs` performs: Σ_c deg(c)(deg(c) − 1)/2
 * over the columns, since every two rows sharing a column meet once there.
 * Heavy columns dominate: for item-item that is the heaviest users, for
 * user-user the most popular items, which is why user-user costs far more.
 */
export function pairUpdates(matrix: SparseRows): number {
  let total = 0;
  for (let c = 0; c < matrix.nCols; c++) {
    const d = matrix.colPtr[c + 1] - matrix.colPtr[c];
    total += (d * (d - 1)) / 2;
  }
  return total;
}

/** Similarities between the rows of one matrix, for one measure and its options. */
export class Similarities {
  /** Subtracted from every value of a row ("pearson": the row's mean). */
  private readonly rowOffset: Float64Array;
  /** Subtracted from every value of a column ("adjusted-cosine": the column's mean). */
  private readonly colOffset: Float64Array;
  /** Σ x² over each row's own entries, the denominator of "cosine". */
  private readonly rowSquares: Float64Array;

  constructor(
    readonly matrix: SparseRows,
    readonly options: SimilarityOptions,
  ) {
    const { nRows, nCols, rowPtr, rowValues, colPtr, colValues } = matrix;
    this.rowOffset = options.measure === "pearson" ? means(nRows, rowPtr, rowValues) : new Float64Array(nRows);
    this.colOffset = options.measure === "adjusted-cosine" ? means(nCols, colPtr, colValues) : new Float64Array(nCols);
    this.rowSquares = new Float64Array(nRows);
    for (let a = 0; a < nRows; a++) {
      for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) {
        const x = rowValues[p] - this.rowOffset[a] - this.colOffset[matrix.rowIndex[p]];
        this.rowSquares[a] += x * x;
      }
    }
  }

  /**
   * Every row's K most similar other rows with a positive similarity, best
   * first (ties broken by lower index). Negative and zero similarities are
   * dropped: the lists become SIMILAR relationships, and kNN prediction, like
   * Surprise's, only averages over positively similar neighbours.
   *
   * Sparse accumulation: for each row a, for each of its columns c, for each
   * row b > a in column c, add to the running sums of pair (a, b) in dense
   * per-b accumulators, then finish every touched b and reset only those.
   * Each pair meeting in a column costs O(1), so the whole run costs
   * O(pairUpdates + nnz) time and O(nRows · K) memory, never nRows².
   * On ml-latest-small that is 30M updates for item-item (its users rated
   * 165 films each on average) and 3M for user-user, well under a second.
   * On 25M the time grows with Σ deg², so the heaviest users (for items) or
   * most-rated films (for users) dominate: compute `pairUpdates` first.
   * K caps memory and the state, not time.
   */
  allPairs(): Neighbors {
    const { nRows, nCols, rowPtr, rowIndex, rowValues, colPtr, colIndex, colValues } = this.matrix;
    const { rowOffset, colOffset } = this;
    const top = new TopK(nRows, this.options.maxNeighborsPerRow);
    const acc = new Accumulator(nRows);
    // "cosine" divides by the rows' full norms, so only the dot product is accumulated per pair.
    const centred = this.options.measure !== "cosine";
    // cursor[c]: the first entry of column c whose row has not been processed yet.
    const cursor = Int32Array.from(colPtr.subarray(0, nCols));
    for (let a = 0; a < nRows; a++) {
      for (let p = rowPtr[a]; p < rowPtr[a + 1]; p++) {
        const c = rowIndex[p];
        const xa = rowValues[p] - rowOffset[a] - colOffset[c];
        // Columns list rows in ascending order and every earlier row has moved
        // the cursor past itself, so the cursor sits on row a: the rest are b > a.
        const end = colPtr[c + 1];
        for (let q = ++cursor[c]; q < end; q++) {
          const b = colIndex[q];
          if (centred) acc.add(b, xa, colValues[q] - rowOffset[b] - colOffset[c]);
          else acc.addDot(b, xa * colValues[q]);
        }
      }
      for (let t = 0; t < acc.touchedCount; t++) {
        const b = acc.touched[t];
        const s = this.finish(acc, b, this.rowSquares[a], this.rowSquares[b], this.options.minSupport);
        if (s > 0) {
          top.offer(a, b, s, acc.support[b]);
          top.offer(b, a, s, acc.support[b]);
        }
      }
      acc.reset();
    }
    return top.toNeighbors();
  }

  /**
   * The similarity of a new row, given as (column, value) pairs such as a
   * visitor's profile, to every row of the matrix, by the same definitions as
   * `allPairs` (a "pearson" row is centred on the mean of its own values).
   * `minSupport` replaces the options' one, for a row too short to reach it.
   * Costs O(Σ deg(c)) over the given columns.
   */
  toRow(columns: Int32Array, values: Float32Array, minSupport = this.options.minSupport): Float32Array {
    const { nRows, colPtr, colIndex, colValues } = this.matrix;
    const { rowOffset, colOffset } = this;
    let ownOffset = 0;
    if (this.options.measure === "pearson" && values.length > 0) {
      for (let j = 0; j < values.length; j++) ownOffset += values[j];
      ownOffset /= values.length;
    }
    let ownSquares = 0;
    const acc = new Accumulator(nRows);
    for (let j = 0; j < columns.length; j++) {
      const c = columns[j];
      const x = values[j] - ownOffset - colOffset[c];
      ownSquares += x * x;
      for (let q = colPtr[c]; q < colPtr[c + 1]; q++) {
        const b = colIndex[q];
        acc.add(b, x, colValues[q] - rowOffset[b] - colOffset[c]);
      }
    }
    const out = new Float32Array(nRows);
    for (let t = 0; t < acc.touchedCount; t++) {
      const b = acc.touched[t];
      out[b] = this.finish(acc, b, ownSquares, this.rowSquares[b], minSupport);
    }
    return out;
  }

  /** The shrunk similarity of a pair from its sums (see SimilarityMeasure). */
  private finish(acc: Accumulator, b: number, squaresA: number, squaresB: number, minSupport: number): number {
    const n = acc.support[b];
    if (n < minSupport) return 0;
    const denominator = this.options.measure === "cosine" ? Math.sqrt(squaresA * squaresB) : Math.sqrt(acc.squaresA[b] * acc.squaresB[b]);
    if (!(denominator > 0)) return 0;
    return (acc.dot[b] / denominator) * (n / (n + this.options.shrinkage));
  }
}

/**
 * The K best (index, score) pairs of each row, each with its support, as a
 * bounded min-heap per row in flat arrays: row r's heap is
 * indices/scores/support[r·K … r·K + count[r]), its worst entry at the root,
 * so a candidate costs O(1) when it is not better than the worst kept and
 * O(log K) when it is.
 */
export class TopK {
  readonly count: Int32Array;
  readonly indices: Int32Array;
  readonly scores: Float32Array;
  readonly support: Int32Array;

  constructor(
    readonly rows: number,
    readonly k: number,
  ) {
    this.count = new Int32Array(rows);
    this.indices = new Int32Array(rows * k);
    this.scores = new Float32Array(rows * k);
    this.support = new Int32Array(rows * k);
  }

  /** Keeps (index, score) and its support in row's list if it is among the K best seen so far. */
  offer(row: number, index: number, score: number, support = 0): void {
    const s = Math.fround(score);
    const base = row * this.k;
    const size = this.count[row];
    if (size < this.k) {
      this.count[row] = size + 1;
      this.siftUp(base, size, index, s, support);
    } else if (better(s, index, this.scores[base], this.indices[base])) {
      this.siftDown(base, size, index, s, support);
    }
  }

  /** The lists sorted best first (higher score, then lower index). */
  toNeighbors(): Neighbors {
    const order: number[] = [];
    for (let r = 0; r < this.rows; r++) {
      const base = r * this.k;
      order.length = 0;
      for (let j = 0; j < this.count[r]; j++) order.push(base + j);
      order.sort((x, y) => this.scores[y] - this.scores[x] || this.indices[x] - this.indices[y]);
      const indices = order.map((p) => this.indices[p]);
      const scores = order.map((p) => this.scores[p]);
      const support = order.map((p) => this.support[p]);
      this.indices.set(indices, base);
      this.scores.set(scores, base);
      this.support.set(support, base);
    }
    return { k: this.k, count: this.count, indices: this.indices, scores: this.scores, support: this.support };
  }

  private siftUp(base: number, position: number, index: number, score: number, support: number): void {
    let j = position;
    while (j > 0) {
      const parent = (j - 1) >> 1;
      if (!better(this.scores[base + parent], this.indices[base + parent], score, index)) break;
      this.move(base + parent, base + j);
      j = parent;
    }
    this.put(base + j, index, score, support);
  }

  /** Replaces the root with (index, score, support) and restores the heap. */
  private siftDown(base: number, size: number, index: number, score: number, support: number): void {
    let j = 0;
    for (;;) {
      let child = 2 * j + 1;
      if (child >= size) break;
      const right = child + 1;
      if (right < size && better(this.scores[base + child], this.indices[base + child], this.scores[base + right], this.indices[base + right])) child = right;
      if (!better(score, index, this.scores[base + child], this.indices[base + child])) break;
      this.move(base + child, base + j);
      j = child;
    }
    this.put(base + j, index, score, support);
  }

  private move(from: number, to: number): void {
    this.put(to, this.indices[from], this.scores[from], this.support[from]);
  }

  private put(at: number, index: number, score: number, support: number): void {
    this.indices[at] = index;
    this.scores[at] = score;
    this.support[at] = support;
  }
}

/** Whether (scoreA, indexA) ranks ahead of (scoreB, indexB): higher score, then lower index. */
function better(scoreA: number, indexA: number, scoreB: number, indexB: number): boolean {
  return scoreA > scoreB || (scoreA === scoreB && indexA < indexB);
}

/** Per-pair running sums against one row, dense over the other rows, reset by the touched list. */
class Accumulator {
  readonly dot: Float64Array;
  readonly squaresA: Float64Array;
  readonly squaresB: Float64Array;
  readonly support: Int32Array;
  readonly touched: Int32Array;
  touchedCount = 0;

  constructor(n: number) {
    this.dot = new Float64Array(n);
    this.squaresA = new Float64Array(n);
    this.squaresB = new Float64Array(n);
    this.support = new Int32Array(n);
    this.touched = new Int32Array(n);
  }

  add(b: number, xa: number, xb: number): void {
    if (this.support[b] === 0) this.touched[this.touchedCount++] = b;
    this.support[b]++;
    this.dot[b] += xa * xb;
    this.squaresA[b] += xa * xa;
    this.squaresB[b] += xb * xb;
  }

  /** `add` without the squares, which "cosine" does not use. */
  addDot(b: number, product: number): void {
    if (this.support[b] === 0) this.touched[this.touchedCount++] = b;
    this.support[b]++;
    this.dot[b] += product;
  }

  reset(): void {
    for (let t = 0; t < this.touchedCount; t++) {
      const b = this.touched[t];
      this.dot[b] = 0;
      this.squaresA[b] = 0;
      this.squaresB[b] = 0;
      this.support[b] = 0;
    }
    this.touchedCount = 0;
  }
}

function means(n: number, ptr: Int32Array, values: Float32Array): Float64Array {
  const out = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    let sum = 0;
    for (let p = ptr[r]; p < ptr[r + 1]; p++) sum += values[p];
    const count = ptr[r + 1] - ptr[r];
    out[r] = count > 0 ? sum / count : 0;
  }
  return out;
}

/**
 * Rejects neighbour lists that do not fit `rows` rows of K = `k` entries over
 * `targets` indices, so a state read back from the graph cannot index out of range.
 */
export function checkNeighbors(neighbors: Neighbors | undefined, rows: number, k: number, targets: number, name: string): Neighbors {
  if (!neighbors) throw new Error(`missing ${name}`);
  const { count, indices, scores, support } = neighbors;
  if (neighbors.k !== k || count.length !== rows || indices.length !== rows * k || scores.length !== rows * k || support?.length !== rows * k) {
    throw new Error(`${name} must hold ${rows} rows of ${k} neighbours, got k = ${neighbors.k}, ${count.length} counts and ${indices.length} indices`);
  }
  for (let r = 0; r < rows; r++) {
    if (count[r] < 0 || count[r] > k) throw new Error(`${name} row ${r} has ${count[r]} neighbours, more than k = ${k}`);
    for (let p = r * k; p < r * k + count[r]; p++) {
      if (indices[p] < 0 || indices[p] >= targets) throw new Error(`${name} row ${r} names neighbour ${indices[p]}, outside 0…${targets - 1}`);
    }
  }
  return neighbors;
}
