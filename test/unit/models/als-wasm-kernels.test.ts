import { Matrix, solve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import { FitError } from "../../../src/models/model.js";
import { gramian, type SparseRows } from "../../../src/models/mf/als/kernels.js";
import { allocateSweep, paddedStride } from "../../../src/models/mf/als/sweep-memory.js";
import { instantiateKernels, MemoryPlan, workBytes, type AlsKernels } from "../../../src/models/mf/als/wasm-kernels.js";

/**
 * Tiny hand-made problems laid out in a kernel memory the way a fit lays them
 * out: factor rows in single precision and the Gramian in double, both padded
 * with zeros to the stride.
 */
class Harness {
  readonly stride: number;
  private readonly kernels: AlsKernels;
  private readonly f64: Float64Array;
  private readonly f32: Float32Array;
  private readonly at: { other: number; gram: number; ptr: number; indices: number; confidence: number; target: number; loss: number; work: number };
  private readonly maxRow: number;

  constructor(
    readonly k: number,
    private readonly other: Float64Array,
    private readonly rows: SparseRows,
    nTargets: number,
  ) {
    const stride = paddedStride(k);
    const nOther = other.length / k;
    const nnz = rows.indices.length;
    let maxRow = 0;
    for (let r = 0; r + 1 < rows.ptr.length; r++) maxRow = Math.max(maxRow, rows.ptr[r + 1] - rows.ptr[r]);
    const plan = new MemoryPlan();
    this.at = {
      other: plan.reserve(nOther * stride * 8),
      gram: plan.reserve(stride * stride * 8),
      ptr: plan.reserve(rows.ptr.length * 4),
      indices: plan.reserve(nnz * 4),
      confidence: plan.reserve(nnz * 4),
      target: plan.reserve(nTargets * stride * 8),
      loss: plan.reserve(nTargets * 8),
      work: plan.reserve(workBytes(stride, maxRow)),
    };
    const memory = plan.create();
    this.stride = stride;
    this.maxRow = maxRow;
    this.kernels = instantiateKernels(memory);
    this.f64 = new Float64Array(memory.buffer);
    this.f32 = new Float32Array(memory.buffer);
    this.putRows(this.at.other, other, nOther);
    new Int32Array(memory.buffer, this.at.ptr, rows.ptr.length).set(rows.ptr);
    new Int32Array(memory.buffer, this.at.indices, nnz).set(rows.indices);
    new Float32Array(memory.buffer, this.at.confidence, nnz).set(rows.confidence);
  }

  /**
   * Rows [from, to) of `target` (k-wide rows, updated in place, rounded to
   * single precision as the factors are stored) after `steps` CG steps
   * against `gram` (k × k); returns the memory's rows' losses too.
   */
  solve(gram: Float64Array, target: Float64Array, steps: number, from: number, to: number): Float64Array {
    const { at, stride, k } = this;
    this.putGram(gram);
    this.putRows(at.target, target, target.length / k);
    this.kernels.solve_rows(at.ptr, at.indices, at.confidence, at.gram, at.other, at.target, stride, steps, from, to, at.work, this.maxRow, at.loss);
    const rows = target.length / k;
    for (let r = 0; r < rows; r++) for (let f = 0; f < k; f++) target[r * k + f] = this.f32[at.target / 4 + r * stride + f];
    return this.f64.slice(at.loss / 8, at.loss / 8 + rows);
  }

  /** The upper triangle of Σ f_r f_rᵀ over the `other` rows [from, to), as gram_rows leaves it (k × k, lower triangle unspecified). */
  gramRows(from: number, to: number): Float64Array {
    const { at, stride, k } = this;
    this.kernels.gram_rows(at.other, from, to, stride, at.gram);
    const out = new Float64Array(k * k);
    for (let a = 0; a < k; a++) for (let b = a; b < k; b++) out[a * k + b] = this.f64[at.gram / 8 + a * stride + b];
    return out;
  }

  /** The padding past k of the target rows, which must stay zero. */
  padding(rows: number): number[] {
    const out: number[] = [];
    for (let r = 0; r < rows; r++) for (let f = this.k; f < this.stride; f++) out.push(this.f32[this.at.target / 4 + r * this.stride + f]);
    return out;
  }

  private putRows(offset: number, values: Float64Array, rows: number): void {
    const width = values.length / rows;
    for (let r = 0; r < rows; r++) {
      for (let f = 0; f < this.stride; f++) this.f32[offset / 4 + r * this.stride + f] = f < width ? values[r * width + f] : 0;
    }
  }

  private putGram(gram: Float64Array): void {
    const { k, stride } = this;
    for (let a = 0; a < stride; a++) for (let b = 0; b < stride; b++) this.f64[this.at.gram / 8 + a * stride + b] = a < k && b < k ? gram[a * k + b] : 0;
  }
}

/**
 * Row u's CG solve as the kernels' comments state it, computed the obvious
 * way in JS: A = G + Σ_j (c_j − 1) y_j y_jᵀ and b = Σ_j c_j y_j formed
 * explicitly, a step as in Takács et al. 2011, algorithm 2. Returns the new
 * x and the row's observed cells' share of the objective.
 */
function referenceSolve(gram: Float64Array, other: Float64Array, k: number, rows: SparseRows, u: number, x0: Float64Array, steps: number) {
  const a = Float64Array.from(gram);
  const b = new Float64Array(k);
  for (let j = rows.ptr[u]; j < rows.ptr[u + 1]; j++) {
    const y = other.subarray(rows.indices[j] * k, (rows.indices[j] + 1) * k);
    const c = rows.confidence[j];
    for (let f = 0; f < k; f++) {
      b[f] += c * y[f];
      for (let g = 0; g < k; g++) a[f * k + g] += (c - 1) * y[f] * y[g];
    }
  }
  const times = (v: Float64Array) => Float64Array.from({ length: k }, (_, f) => v.reduce((s, vg, g) => s + a[f * k + g] * vg, 0));
  const dot = (v: Float64Array, w: Float64Array) => v.reduce((s, vf, f) => s + vf * w[f], 0);
  const x = Float64Array.from(x0);
  const ax = times(x);
  const r = Float64Array.from(b, (bf, f) => bf - ax[f]);
  const p = Float64Array.from(r);
  let rr = dot(r, r);
  for (let step = 0; step < steps && rr > 1e-20; step++) {
    const ap = times(p);
    const pAp = dot(p, ap);
    if (!(pAp > 0)) break;
    const alpha = rr / pAp;
    for (let f = 0; f < k; f++) {
      x[f] += alpha * p[f];
      r[f] -= alpha * ap[f];
    }
    const rsNew = dot(r, r);
    for (let f = 0; f < k; f++) p[f] = r[f] + (rsNew / rr) * p[f];
    rr = rsNew;
  }
  let loss = 0;
  for (let j = rows.ptr[u]; j < rows.ptr[u + 1]; j++) {
    const s = dot(x, other.subarray(rows.indices[j] * k, (rows.indices[j] + 1) * k));
    const c = rows.confidence[j];
    loss += c * (1 - s) ** 2 - s * s;
  }
  return { x, loss };
}

/** Rows with the given numbers of nonzeros over `cols` columns, distinct and sorted, with MovieLens-like confidences 1 + 40·r. */
function rowsOf(random: Random, lengths: number[], cols: number): SparseRows {
  const ptr = new Int32Array(lengths.length + 1);
  const indices: number[] = [];
  const confidence: number[] = [];
  lengths.forEach((n, r) => {
    const picked = new Set<number>();
    while (picked.size < n) picked.add(random.int(cols));
    for (const c of [...picked].sort((x, y) => x - y)) {
      indices.push(c);
      confidence.push(1 + 40 * (0.5 + random.int(10) / 2));
    }
    ptr[r + 1] = indices.length;
  });
  return { ptr, indices: Int32Array.from(indices), confidence: Float32Array.from(confidence) };
}

/** Values a single-precision factor row holds exactly, so that the kernels and the references start from the same numbers. */
function singles(length: number, draw: () => number): Float64Array {
  return Float64Array.from({ length }, () => Math.fround(draw()));
}

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, relative: number): void {
  expect(actual.length).toBe(expected.length);
  for (let i = 0; i < expected.length; i++) expect(Math.abs(actual[i] - expected[i])).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected[i])));
}

/**
 * Row lengths that reach every path: empty, shorter than a block of eight,
 * whole blocks, blocks and a remainder, and (for k = 64) a row over 512
 * nonzeros, which is solved alone, not in a group of four.
 */
const LENGTHS = [0, 1, 5, 8, 9, 17, 3, 24, 2, 600, 7, 16, 31];

describe("ALS WebAssembly kernels: conjugate gradient", () => {
  function problem(k: number, lengths = LENGTHS, seed = 17) {
    const random = new Random(seed);
    const nOther = 700;
    const other = singles(nOther * k, () => random.normal() * 0.3);
    const rows = rowsOf(random, lengths, nOther);
    const gram = gramian(other, nOther, k, 5);
    const start = singles(lengths.length * k, () => random.normal() * 0.1);
    return { other, rows, gram, start };
  }

  // The passes over a row's nonzeros run in single precision, the reference in
  // double: they agree to about 1e-6.
  it.each([1, 3, 8, 13, 64])("matches a plain CG on the explicit normal equations (k = %i)", (k) => {
    const { other, rows, gram, start } = problem(k);
    const harness = new Harness(k, other, rows, LENGTHS.length);
    const solved = Float64Array.from(start);
    const losses = harness.solve(gram, solved, 3, 0, LENGTHS.length);
    for (let u = 0; u < LENGTHS.length; u++) {
      const expected = referenceSolve(gram, other, k, rows, u, start.subarray(u * k, (u + 1) * k), 3);
      expectClose(solved.subarray(u * k, (u + 1) * k), expected.x, 1e-5);
      expectClose([losses[u]], [expected.loss], 1e-5);
    }
    expect(harness.padding(LENGTHS.length).every((v) => v === 0)).toBe(true);
  });

  it("gives each row the same bits alone, in any chunks, next to any rows", () => {
    const k = 64;
    const { other, rows, gram, start } = problem(k);
    const harness = new Harness(k, other, rows, LENGTHS.length);
    const alone = Float64Array.from(start);
    const aloneLoss: number[] = [];
    for (let u = 0; u < LENGTHS.length; u++) aloneLoss.push(harness.solve(gram, alone, 3, u, u + 1)[u]);
    for (const bounds of [[0, LENGTHS.length], [0, 2, 3, 9, LENGTHS.length], [0, 5, 6, 11, 12, LENGTHS.length]]) {
      const chunked = Float64Array.from(start);
      const chunkedLoss: number[] = [];
      for (let c = 0; c + 1 < bounds.length; c++) {
        const losses = harness.solve(gram, chunked, 3, bounds[c], bounds[c + 1]);
        for (let u = bounds[c]; u < bounds[c + 1]; u++) chunkedLoss.push(losses[u]);
      }
      expect(chunked).toEqual(alone);
      expect(chunkedLoss).toEqual(aloneLoss);
    }
  });

  it("writes only the rows it is given", () => {
    const k = 5;
    const { other, rows, gram, start } = problem(k);
    const target = Float64Array.from(start);
    new Harness(k, other, rows, LENGTHS.length).solve(gram, target, 3, 4, 7);
    expect(target.subarray(0, 4 * k)).toEqual(start.subarray(0, 4 * k));
    expect(target.subarray(7 * k)).toEqual(start.subarray(7 * k));
    expect(target.subarray(4 * k, 7 * k)).not.toEqual(start.subarray(4 * k, 7 * k));
  });

  it.each([5, 6, 64])("reaches the exact least-squares vector with enough steps (k = %i)", (k) => {
    const random = new Random(23);
    const nItems = 40;
    const y = singles(nItems * k, () => random.normal() * 0.5);
    const rows = rowsOf(random, [13], nItems);
    const lambda = 0.7;
    const a = new Matrix(k, k);
    const b = new Matrix(k, 1);
    for (let i = 0; i < nItems; i++) {
      const j = rows.indices.indexOf(i);
      const c = j < 0 ? 1 : rows.confidence[j];
      for (let f = 0; f < k; f++) {
        if (j >= 0) b.set(f, 0, b.get(f, 0) + c * y[i * k + f]);
        for (let g = 0; g < k; g++) a.set(f, g, a.get(f, g) + c * y[i * k + f] * y[i * k + g]);
      }
    }
    for (let f = 0; f < k; f++) a.set(f, f, a.get(f, f) + lambda);
    const exact = solve(a, b).getColumn(0);
    const target = singles(k, () => random.normal() * 0.01);
    new Harness(k, y, rows, 1).solve(gramian(y, nItems, k, lambda), target, 4 * k, 0, 1);
    // As close as passes in single precision get: x is accurate to about 1e-7 times A's condition number.
    for (let f = 0; f < k; f++) expect(target[f]).toBeCloseTo(exact[f], 3);
  });

  it("moves toward the exact vector, but not onto it, in one step", () => {
    const k = 6;
    const random = new Random(11);
    const nItems = 30;
    const y = singles(nItems * k, () => random.normal() * 0.5);
    const rows = rowsOf(random, [9], nItems);
    const gram = gramian(y, nItems, k, 0.7);
    const harness = new Harness(k, y, rows, 1);
    const exact = new Float64Array(k);
    harness.solve(gram, exact, 60, 0, 1);
    const once = new Float64Array(k);
    harness.solve(gram, once, 1, 0, 1);
    const distance = Math.hypot(...exact.map((e, f) => e - once[f]));
    expect(distance).toBeGreaterThan(1e-3);
    expect(distance).toBeLessThan(Math.hypot(...exact));
  });
});

describe("ALS WebAssembly kernels: Gramian", () => {
  it.each([3, 8, 13])("sums the upper triangle of FᵀF over a block of rows, any count of rows (k = %i)", (k) => {
    const random = new Random(5);
    const rows = 11;
    const f = singles(rows * k, () => random.normal());
    const harness = new Harness(k, f, { ptr: new Int32Array(1), indices: new Int32Array(0), confidence: new Float32Array(0) }, 1);
    for (const [from, to] of [[0, 11], [2, 7], [3, 4]]) {
      const expected = gramian(f.subarray(from * k, to * k), to - from, k, 0);
      const sums = harness.gramRows(from, to);
      for (let a = 0; a < k; a++) expectClose(sums.subarray(a * k + a, (a + 1) * k), expected.subarray(a * k + a, (a + 1) * k), 1e-12);
    }
  });
});

describe("ALS WebAssembly kernels: memory", () => {
  it("refuses a fit that would need more than a WebAssembly memory's 4 GiB", () => {
    const ptr = Int32Array.from([0, 2 ** 28]);
    expect(() => allocateSweep({ k: 64, cgSteps: 3, nUsers: 1, nItems: 1, userPtr: ptr, itemPtr: ptr, threads: 1, chunks: 1 })).toThrow(FitError);
  });
});
