/**
 * The numeric parts of implicit ALS that stay in JS (private to `implicit-als.ts`
 * and its sweep workers): how a half-sweep is split into chunks and its
 * Gramian into blocks, the Gramian of a model's factors for fold-in, and the
 * objective. The solves and the partial Gramians of a fit run in WebAssembly
 * (`kernels.wat`). This module imports nothing, so a worker thread that loads
 * it starts fast.
 *
 * A fit gives bit-identical factors with any number of threads: a row's solve
 * reads only the other side's factors, the Gramian and the row itself, and a
 * Gramian is summed over fixed blocks of rows in block order.
 */

/** Rows per partial Gramian: small enough that a block's k × k sums stay in L1/L2, large enough that summing the blocks is negligible. */
export const GRAM_BLOCK_ROWS = 2048;

/** The observed entries of one side (users' rows or items' columns), compressed like RatingMatrix. */
export interface SparseRows {
  ptr: Int32Array;
  indices: Int32Array;
  confidence: Float32Array;
}

/**
 * Boundaries of up to `count` contiguous, non-empty chunks of rows with about
 * equal work: chunk c starts at the first row where the work of the rows
 * before it reaches c/count of the total. A row's work is its nonzeros plus
 * k/5 for its products with G (measured: its share of a product with G costs
 * about as much as a pass over k/5 nonzeros). With chunks claimed dynamically,
 * this only needs to be roughly right.
 */
export function rowChunks(ptr: Int32Array, k: number, count: number): Int32Array {
  const nRows = ptr.length - 1;
  const perRow = k / 5;
  const workBefore = (row: number) => ptr[row] - ptr[0] + perRow * row;
  const total = workBefore(nRows);
  const bounds = [0];
  let row = 0;
  for (let c = 1; c < count; c++) {
    const goal = (total * c) / count;
    while (row < nRows && workBefore(row) < goal) row++;
    if (row > bounds[bounds.length - 1] && row < nRows) bounds.push(row);
  }
  bounds.push(nRows);
  return Int32Array.from(bounds);
}

/** Number of partial Gramians of a `rows` × k factor matrix. */
export function gramBlocks(rows: number): number {
  return Math.ceil(rows / GRAM_BLOCK_ROWS);
}

/**
 * The upper triangle of FᵀF over rows [block·GRAM_BLOCK_ROWS, …) of the factors,
 * written into `out[outOffset … outOffset + k²)` (lower triangle left 0).
 */
function gramBlock(factors: ArrayLike<number>, rows: number, k: number, block: number, out: Float64Array, outOffset: number): void {
  const g = out.subarray(outOffset, outOffset + k * k);
  g.fill(0);
  const end = Math.min(rows, (block + 1) * GRAM_BLOCK_ROWS);
  let r = block * GRAM_BLOCK_ROWS;
  // Four rows per pass over the upper triangle: a quarter of the loads and stores of g.
  for (; r + 3 < end; r += 4) {
    const o0 = r * k;
    const o1 = o0 + k;
    const o2 = o1 + k;
    const o3 = o2 + k;
    for (let a = 0; a < k; a++) {
      const f0 = factors[o0 + a];
      const f1 = factors[o1 + a];
      const f2 = factors[o2 + a];
      const f3 = factors[o3 + a];
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b] += f0 * factors[o0 + b] + f1 * factors[o1 + b] + f2 * factors[o2 + b] + f3 * factors[o3 + b];
    }
  }
  for (; r < end; r++) {
    const o = r * k;
    for (let a = 0; a < k; a++) {
      const fa = factors[o + a];
      const ga = a * k;
      for (let b = a; b < k; b++) g[ga + b] += fa * factors[o + b];
    }
  }
}

/**
 * Sums `blocks` partial Gramians (upper triangles, k² apart in `parts`) in block
 * order into a full symmetric k × k matrix, plus ridge·I.
 */
export function sumGramBlocks(parts: Float64Array, blocks: number, k: number, ridge: number): Float64Array {
  const g = new Float64Array(k * k);
  const kk = k * k;
  for (let block = 0; block < blocks; block++) {
    const o = block * kk;
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) g[a * k + b] += parts[o + a * k + b];
  }
  for (let a = 0; a < k; a++) {
    g[a * k + a] += ridge;
    for (let b = a + 1; b < k; b++) g[b * k + a] = g[a * k + b];
  }
  return g;
}

/**
 * FᵀF + ridge·I for the `rows` × k row-major factors F, as a full k × k
 * row-major matrix: the fold-in's Gramian of a fitted model (single-precision
 * factors), and the reference the kernels' `gram_rows` is tested against.
 */
export function gramian(factors: ArrayLike<number>, rows: number, k: number, ridge: number): Float64Array {
  const blocks = gramBlocks(rows);
  const parts = new Float64Array(blocks * k * k);
  for (let block = 0; block < blocks; block++) gramBlock(factors, rows, k, block, parts, block * k * k);
  return sumGramBlocks(parts, blocks, k, ridge);
}

/** A copy of the symmetric matrix m with ridge added to its diagonal. */
export function withRidge(m: Float64Array, k: number, ridge: number): Float64Array {
  const out = Float64Array.from(m);
  for (let a = 0; a < k; a++) out[a * k + a] += ridge;
  return out;
}

/** a[ao … ao+k) · b[bo … bo+k), with four running sums to break the chain of dependent additions. */
function dot(a: ArrayLike<number>, ao: number, b: ArrayLike<number>, bo: number, k: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let f = 0;
  for (; f + 3 < k; f += 4) {
    s0 += a[ao + f] * b[bo + f];
    s1 += a[ao + f + 1] * b[bo + f + 1];
    s2 += a[ao + f + 2] * b[bo + f + 2];
    s3 += a[ao + f + 3] * b[bo + f + 3];
  }
  for (; f < k; f++) s0 += a[ao + f] * b[bo + f];
  return s0 + s1 + (s2 + s3);
}

/**
 * The ALS objective Σ_u Σ_i c_ui (p_ui − x_u·y_i)² + λ(|X|² + |Y|²) without
 * visiting the users × items cells: Σ_i (x_u·y_i)² = x_uᵀ(YᵀY)x_u covers every
 * cell as if unobserved, and each observed cell adds
 * c(1 − s)² − s² = (c − 1)s² − 2cs + c (the `implicit` library's calculate_loss).
 * The fit gets the same number more cheaply (see `gramObjective`); this is the
 * reference it is tested against.
 */
export function implicitObjective(
  x: ArrayLike<number>,
  y: ArrayLike<number>,
  nUsers: number,
  nItems: number,
  k: number,
  userPtr: Int32Array,
  userItems: Int32Array,
  userConfidence: Float32Array,
  regularization: number,
): number {
  const g = gramian(y, nItems, k, 0);
  let loss = 0;
  for (let u = 0; u < nUsers; u++) {
    const xo = u * k;
    for (let a = 0; a < k; a++) loss += x[xo + a] * dot(g, a * k, x, xo, k);
    for (let j = userPtr[u]; j < userPtr[u + 1]; j++) {
      const s = dot(x, xo, y, userItems[j] * k, k);
      const c = userConfidence[j];
      loss += (c - 1) * s * s - 2 * c * s + c;
    }
  }
  let norms = 0;
  for (let j = 0; j < nUsers * k; j++) norms += x[j] * x[j];
  for (let j = 0; j < nItems * k; j++) norms += y[j] * y[j];
  return loss + regularization * norms;
}

/**
 * The objective from the two plain Gramians XᵀX and YᵀY and the observed cells'
 * share (Σ over rows of `conjugateGradientRow`'s return values):
 * Σ_u x_uᵀ(YᵀY)x_u = Σ_ab (XᵀX)_ab (YᵀY)_ab, and |X|² = tr XᵀX, |Y|² = tr YᵀY.
 */
export function gramObjective(userGram: Float64Array, itemGram: Float64Array, k: number, observed: number, regularization: number): number {
  let unobserved = 0;
  for (let a = 0; a < k * k; a++) unobserved += userGram[a] * itemGram[a];
  let norms = 0;
  for (let a = 0; a < k; a++) norms += userGram[a * k + a] + itemGram[a * k + a];
  return observed + unobserved + regularization * norms;
}
