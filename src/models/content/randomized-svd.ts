import { Matrix, SingularValueDecomposition } from "ml-matrix";
import { z } from "zod";
import { Random } from "../../common/random.js";

/** A dense matrix stored row by row, as the tag genome (movies × tags) is. */
export interface DenseMatrix {
  rows: number;
  cols: number;
  /** rows × cols values, row-major. */
  data: Float32Array;
}

/** A sparse matrix in compressed sparse row form, as the TF-IDF matrix is. */
export interface CsrMatrix {
  rows: number;
  cols: number;
  /** ptr[r]…ptr[r+1] delimit row r's entries in indices/values. */
  ptr: Int32Array;
  /** Column of each entry. */
  indices: Int32Array;
  values: Float32Array;
}

/** Configuration of the randomised truncated SVD. */
export const RandomizedSvdConfig = z.object({
  /** Number of singular triplets kept (k), capped at min(rows, cols). */
  rank: z.number().int().positive().default(64),
  /**
   * Extra random directions sampled beyond the rank (p). Halko et al. §4.2 find
   * p = 5 or 10 enough for the k leading directions to be captured accurately.
   */
  oversamples: z.number().int().min(0).default(10),
  /**
   * Subspace (power) iterations (q). Each one multiplies the sample by AᵀA,
   * raising the singular values to the power 2q + 1 so a slowly decaying
   * spectrum, as tag relevance has, separates from its tail (Halko et al. §4.5).
   */
  powerIterations: z.number().int().min(0).default(4),
  /** Seed of the Gaussian test matrix. */
  seed: z.number().int().default(42),
});

export type RandomizedSvdConfig = z.infer<typeof RandomizedSvdConfig>;
export type RandomizedSvdConfigInput = z.input<typeof RandomizedSvdConfig>;

/** A ≈ U · diag(s) · Vᵀ with `rank` triplets, singular values in decreasing order. */
export interface TruncatedSvd {
  rank: number;
  /** Left singular vectors, rows × rank, row-major (orthonormal columns). */
  u: Float64Array;
  /** Singular values, largest first. */
  s: Float64Array;
  /** Right singular vectors transposed, rank × cols, row-major (orthonormal rows). */
  vt: Float64Array;
}

/**
 * Randomised truncated SVD: Algorithm 4.4 (randomised subspace iteration) of
 * N. Halko, P. G. Martinsson and J. A. Tropp, "Finding Structure with
 * Randomness: Probabilistic Algorithms for Constructing Approximate Matrix
 * Decompositions", SIAM Review 53(2), 2011, followed by their Algorithm 5.1
 * (direct SVD of the projected matrix):
 *
 *   Ω ~ N(0, 1)^{n × (k+p)};   Q₀ R₀ = A Ω
 *   for j = 1…q:   Q̃ⱼ R̃ⱼ = Aᵀ Qⱼ₋₁;   Qⱼ Rⱼ = A Q̃ⱼ
 *   B = Q_qᵀ A;   B = Ũ Σ Vᵀ;   U = Q_q Ũ
 *
 * The QR after every product keeps the sample well conditioned (plain powers
 * of A would drown every direction but the first in round-off). The big
 * products are blocked loops over typed arrays; the small SVD uses
 * ml-matrix. The orthonormalisations are Householder QR on column-major typed
 * arrays rather than ml-matrix's QrDecomposition: its element-wise get/set
 * took 2.2–2.7 s per 13,816 × 74 factorisation with Q here (five are needed),
 * against 0.15–0.2 s for `householderQr`.
 */
export function randomizedSvd(matrix: DenseMatrix | CsrMatrix, config: Partial<RandomizedSvdConfigInput> = {}): TruncatedSvd {
  const { rank, oversamples, powerIterations, seed } = RandomizedSvdConfig.parse(config);
  const op = "ptr" in matrix ? csrOperator(matrix) : denseOperator(matrix);
  const { rows: m, cols: n } = op;
  const width = Math.min(rank + oversamples, m, n);
  const k = Math.min(rank, width);
  if (k === 0) return { rank: 0, u: new Float64Array(0), s: new Float64Array(0), vt: new Float64Array(0) };

  const random = new Random(seed);
  const omega = new Float64Array(n * width);
  for (let t = 0; t < omega.length; t++) omega[t] = random.normal();

  let q = householderQr(op.times(omega, width), m, width).q;
  for (let j = 0; j < powerIterations; j++) {
    const qTilde = householderQr(op.transposeTimes(q, width), n, width).q;
    q = householderQr(op.times(qTilde, width), m, width).q;
  }

  // Bᵀ = AᵀQ (n × width). Rather than hand ml-matrix the whole of B, factor
  // Bᵀ = Q_b R_b and take the SVD of the small square R_b = U_r Σ V_rᵀ (Chan's
  // R-SVD, Golub & Van Loan §8.6.3): then B = V_r Σ (Q_b U_r)ᵀ. ml-matrix's SVD
  // costs ~0.3 s per thousand columns of B, and a TF-IDF vocabulary has tens of thousands.
  const { q: qb, r: rb } = householderQr(op.transposeTimes(q, width), n, width);
  const svd = new SingularValueDecomposition(Matrix.from1DArray(width, width, rb));
  const uR = svd.leftSingularVectors;
  const vR = svd.rightSingularVectors;
  const s = Float64Array.from(svd.diagonal.slice(0, k));

  // U = Q V_r and Vᵀ = (Q_b U_r)ᵀ, first k columns.
  const u = columnsTimes(q, m, width, vR, k);
  const v = columnsTimes(qb, n, width, uR, k);
  const vt = new Float64Array(k * n);
  for (let t = 0; t < n; t++) for (let c = 0; c < k; c++) vt[c * n + t] = v[t * k + c];
  return { rank: k, u, s, vt };
}

/** The first k columns of P·S, row-major (rows × k), for a column-major panel P (rows × width) and a width × width ml-matrix S. */
function columnsTimes(panel: Float64Array, rows: number, width: number, small: Matrix, k: number): Float64Array {
  const out = new Float64Array(rows * k);
  for (let j = 0; j < width; j++) {
    const column = j * rows;
    const sRow = small.getRow(j);
    for (let i = 0; i < rows; i++) {
      const p = panel[column + i];
      const start = i * k;
      for (let c = 0; c < k; c++) out[start + c] += p * sRow[c];
    }
  }
  return out;
}

/**
 * A matrix seen only through its products with thin panels. Panels are
 * column-major Float64Arrays: column j of an r × w panel is [j·r, (j+1)·r).
 */
interface Operator {
  rows: number;
  cols: number;
  /** A · X for X cols × w; returns rows × w. */
  times(x: Float64Array, w: number): Float64Array;
  /** Aᵀ · Y for Y rows × w; returns cols × w. */
  transposeTimes(y: Float64Array, w: number): Float64Array;
}

/**
 * A dense operator keeps a transposed copy so both products run the same
 * kernel over contiguous rows (dot products, not strided scatters).
 */
function denseOperator(matrix: DenseMatrix): Operator {
  const { rows, cols, data } = matrix;
  checkShape(rows, cols);
  if (data.length !== rows * cols) throw new RangeError(`a ${rows} × ${cols} dense matrix needs ${rows * cols} values, got ${data.length}`);
  const transposed = new Float32Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    const row = i * cols;
    for (let t = 0; t < cols; t++) transposed[t * rows + i] = data[row + t];
  }
  return {
    rows,
    cols,
    times: (x, w) => rowsTimesPanel(data, rows, cols, x, w),
    transposeTimes: (y, w) => rowsTimesPanel(transposed, cols, rows, y, w),
  };
}

function csrOperator(matrix: CsrMatrix): Operator {
  const { rows, cols, ptr, indices, values } = matrix;
  checkShape(rows, cols);
  if (ptr.length !== rows + 1 || ptr[0] !== 0 || ptr[rows] !== indices.length || indices.length !== values.length) {
    throw new RangeError(`a CSR matrix with ${rows} rows needs ${rows + 1} row pointers from 0 to its ${indices.length} entries`);
  }
  for (let p = 0; p < indices.length; p++) {
    if (indices[p] < 0 || indices[p] >= cols) throw new RangeError(`CSR entry ${p} has column ${indices[p]} outside 0…${cols - 1}`);
  }
  return {
    rows,
    cols,
    times(x, w) {
      const y = new Float64Array(rows * w);
      for (let i = 0; i < rows; i++) {
        for (let p = ptr[i]; p < ptr[i + 1]; p++) {
          const column = indices[p];
          const value = values[p];
          for (let j = 0; j < w; j++) y[j * rows + i] += value * x[j * cols + column];
        }
      }
      return y;
    },
    transposeTimes(y, w) {
      const z = new Float64Array(cols * w);
      for (let i = 0; i < rows; i++) {
        for (let p = ptr[i]; p < ptr[i + 1]; p++) {
          const column = indices[p];
          const value = values[p];
          for (let j = 0; j < w; j++) z[j * cols + column] += value * y[j * rows + i];
        }
      }
      return z;
    },
  };
}

function checkShape(rows: number, cols: number): void {
  if (!Number.isInteger(rows) || !Number.isInteger(cols) || rows < 0 || cols < 0) {
    throw new RangeError(`matrix dimensions must be non-negative integers, got ${rows} × ${cols}`);
  }
}

/**
 * C = M · X with M row-major (rows × inner) and X, C column-major panels.
 * Every entry is a dot product of a row of M with a column of X; blocks of
 * 3 rows × 4 columns reuse each load 3–4 times from registers. Measured on
 * 13,816 × 1,128 × 72: 3 × 4 took 0.46 s, 2 × 4 0.53 s, 2 × 2 0.70 s, and
 * 4 × 4 or 3 × 5 no better (V8 runs out of floating-point registers).
 */
function rowsTimesPanel(mat: Float32Array, rows: number, inner: number, x: Float64Array, w: number): Float64Array {
  const c = new Float64Array(rows * w);
  const rowBlocks = rows - (rows % 3);
  const colBlocks = w - (w % 4);
  for (let i = 0; i < rowBlocks; i += 3) {
    const r0 = i * inner;
    const r1 = r0 + inner;
    const r2 = r1 + inner;
    for (let j = 0; j < colBlocks; j += 4) {
      const x0 = j * inner;
      const x1 = x0 + inner;
      const x2 = x1 + inner;
      const x3 = x2 + inner;
      let s00 = 0, s01 = 0, s02 = 0, s03 = 0;
      let s10 = 0, s11 = 0, s12 = 0, s13 = 0;
      let s20 = 0, s21 = 0, s22 = 0, s23 = 0;
      for (let t = 0; t < inner; t++) {
        const a0 = mat[r0 + t];
        const a1 = mat[r1 + t];
        const a2 = mat[r2 + t];
        const b0 = x[x0 + t];
        const b1 = x[x1 + t];
        const b2 = x[x2 + t];
        const b3 = x[x3 + t];
        s00 += a0 * b0; s01 += a0 * b1; s02 += a0 * b2; s03 += a0 * b3;
        s10 += a1 * b0; s11 += a1 * b1; s12 += a1 * b2; s13 += a1 * b3;
        s20 += a2 * b0; s21 += a2 * b1; s22 += a2 * b2; s23 += a2 * b3;
      }
      const c0 = j * rows + i;
      const c1 = c0 + rows;
      const c2 = c1 + rows;
      const c3 = c2 + rows;
      c[c0] = s00; c[c1] = s01; c[c2] = s02; c[c3] = s03;
      c[c0 + 1] = s10; c[c1 + 1] = s11; c[c2 + 1] = s12; c[c3 + 1] = s13;
      c[c0 + 2] = s20; c[c1 + 2] = s21; c[c2 + 2] = s22; c[c3 + 2] = s23;
    }
    // Leftover columns still take three rows at once: a lone dot product waits on its single accumulator.
    for (let j = colBlocks; j < w; j++) {
      const x0 = j * inner;
      let s0 = 0, s1 = 0, s2 = 0;
      for (let t = 0; t < inner; t++) {
        const b = x[x0 + t];
        s0 += mat[r0 + t] * b;
        s1 += mat[r1 + t] * b;
        s2 += mat[r2 + t] * b;
      }
      const c0 = j * rows + i;
      c[c0] = s0;
      c[c0 + 1] = s1;
      c[c0 + 2] = s2;
    }
  }
  for (let i = rowBlocks; i < rows; i++) {
    for (let j = 0; j < w; j++) c[j * rows + i] = dot(mat, i * inner, x, j * inner, inner);
  }
  return c;
}

function dot(a: Float32Array, aStart: number, b: Float64Array, bStart: number, length: number): number {
  let sum = 0;
  for (let t = 0; t < length; t++) sum += a[aStart + t] * b[bStart + t];
  return sum;
}

/**
 * The thin Householder QR of the m × w panel `a` (m ≥ w): Q (m × w,
 * column-major, orthonormal columns) and R (w × w, row-major, upper
 * triangular) with a = QR (Golub & Van Loan, Matrix Computations, 4th ed.,
 * Algorithms 5.1.1 and 5.2.1, Q accumulated backwards as in §5.1.6). Unlike
 * Gram–Schmidt, Q stays orthonormal to machine precision even when the panel
 * is rank-deficient, which it is whenever A has rank < w. Overwrites `a`.
 */
function householderQr(a: Float64Array, m: number, w: number): { q: Float64Array; r: Float64Array } {
  const beta = new Float64Array(w);
  const r = new Float64Array(w * w);
  for (let k = 0; k < w; k++) {
    const col = k * m;
    let tail = 0;
    for (let i = k + 1; i < m; i++) tail += a[col + i] * a[col + i];
    const x0 = a[col + k];
    const norm = Math.sqrt(tail + x0 * x0);
    if (norm > 0) {
      // v = x − αe₁ with α = −sign(x₀)‖x‖, so v₀ never suffers cancellation.
      const v0 = x0 >= 0 ? x0 + norm : x0 - norm;
      a[col + k] = v0;
      beta[k] = 2 / (tail + v0 * v0);
      reflect(a, col, beta[k], a, k + 1, w, k, m);
      r[k * w + k] = x0 >= 0 ? -norm : norm;
    }
    // Row k of the panel is final once H_k has been applied: it is row k of R.
    for (let j = k + 1; j < w; j++) r[k * w + j] = a[j * m + k];
  }
  const q = new Float64Array(m * w);
  for (let j = 0; j < w; j++) q[j * m + j] = 1;
  for (let k = w - 1; k >= 0; k--) if (beta[k] !== 0) reflect(a, k * m, beta[k], q, k, w, k, m);
  return { q, r };
}

/**
 * Applies I − β v vᵀ, with v = h[hStart + k … hStart + m), to rows k…m−1 of
 * the columns first…last−1 of the column-major panel `target` (m rows). Four
 * columns at a time, so each element of v is loaded once per four columns.
 */
function reflect(h: Float64Array, hStart: number, beta: number, target: Float64Array, first: number, last: number, k: number, m: number): void {
  let j = first;
  for (; j + 3 < last; j += 4) {
    const t0 = j * m;
    const t1 = t0 + m;
    const t2 = t1 + m;
    const t3 = t2 + m;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0;
    for (let i = k; i < m; i++) {
      const v = h[hStart + i];
      s0 += v * target[t0 + i];
      s1 += v * target[t1 + i];
      s2 += v * target[t2 + i];
      s3 += v * target[t3 + i];
    }
    s0 *= beta;
    s1 *= beta;
    s2 *= beta;
    s3 *= beta;
    for (let i = k; i < m; i++) {
      const v = h[hStart + i];
      target[t0 + i] -= s0 * v;
      target[t1 + i] -= s1 * v;
      target[t2 + i] -= s2 * v;
      target[t3 + i] -= s3 * v;
    }
  }
  for (; j < last; j++) {
    const t = j * m;
    let s = 0;
    for (let i = k; i < m; i++) s += h[hStart + i] * target[t + i];
    s *= beta;
    for (let i = k; i < m; i++) target[t + i] -= s * h[hStart + i];
  }
}
