import { Matrix, solve } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import {
  CgWork,
  conjugateGradientRow,
  GRAM_BLOCK_ROWS,
  gramian,
  gramObjective,
  implicitObjective,
  rowChunks,
  solveRows,
} from "../../../src/models/mf/als/kernels.js";

/** FᵀF + ridge·I summed the obvious way. */
function naiveGram(f: Float64Array, rows: number, k: number, ridge: number): number[] {
  const g = new Array<number>(k * k).fill(0);
  for (let r = 0; r < rows; r++) for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) g[a * k + b] += f[r * k + a] * f[r * k + b];
  for (let a = 0; a < k; a++) g[a * k + a] += ridge;
  return g;
}

/** A random sparse side: `rows` rows over `cols` columns, each row with 0 to maxPerRow distinct sorted columns. */
function randomRows(random: Random, rows: number, cols: number, maxPerRow: number) {
  const ptr = new Int32Array(rows + 1);
  const indices: number[] = [];
  const confidence: number[] = [];
  for (let r = 0; r < rows; r++) {
    const n = random.int(maxPerRow + 1);
    const picked = new Set<number>();
    while (picked.size < Math.min(n, cols)) picked.add(random.int(cols));
    for (const c of [...picked].sort((a, b) => a - b)) {
      indices.push(c);
      confidence.push(1 + 40 * (0.5 + random.int(10) / 2));
    }
    ptr[r + 1] = indices.length;
  }
  return { ptr, indices: Int32Array.from(indices), confidence: Float32Array.from(confidence) };
}

describe("ALS kernels: Gramians", () => {
  it("sums blocks of rows to FᵀF + ridge·I, symmetric", () => {
    const random = new Random(5);
    const k = 3;
    const rows = 2 * GRAM_BLOCK_ROWS + 7;
    const f = Float64Array.from({ length: rows * k }, () => random.normal());
    const g = gramian(f, rows, k, 0.5);
    const expected = naiveGram(f, rows, k, 0.5);
    for (let a = 0; a < k * k; a++) expect(g[a]).toBeCloseTo(expected[a], 8);
    for (let a = 0; a < k; a++) for (let b = 0; b < k; b++) expect(g[a * k + b]).toBe(g[b * k + a]);
  });
});

describe("ALS kernels: conjugate gradient", () => {
  /** 13 nonzeros: one block of eight, one of four and a single row in each pass. */
  function problem(k: number) {
    const random = new Random(23);
    const nItems = 40;
    const y = Float64Array.from({ length: nItems * k }, () => random.normal() * 0.5);
    const indices = Int32Array.from([0, 2, 3, 7, 8, 11, 15, 19, 20, 26, 31, 33, 39]);
    const confidence = Float32Array.from(indices, () => 1 + 40 * (0.5 + random.int(10) / 2));
    return { random, nItems, y, indices, confidence, lambda: 0.7 };
  }

  it.each([5, 6])("reaches the exact solution through every unrolled path (k = %i)", (k) => {
    const { random, nItems, y, indices, confidence, lambda } = problem(k);
    const a = new Matrix(k, k);
    const b = new Matrix(k, 1);
    for (let i = 0; i < nItems; i++) {
      const j = indices.indexOf(i);
      const c = j < 0 ? 1 : confidence[j];
      for (let f = 0; f < k; f++) {
        if (j >= 0) b.set(f, 0, b.get(f, 0) + c * y[i * k + f]);
        for (let g = 0; g < k; g++) a.set(f, g, a.get(f, g) + c * y[i * k + f] * y[i * k + g]);
      }
    }
    for (let f = 0; f < k; f++) a.set(f, f, a.get(f, f) + lambda);
    const exact = solve(a, b).getColumn(0);
    const target = Float64Array.from({ length: k }, () => random.normal() * 0.01);
    conjugateGradientRow(gramian(y, nItems, k, lambda), y, k, indices, confidence, 0, indices.length, target, 0, 40, new CgWork(k));
    for (let f = 0; f < k; f++) expect(target[f]).toBeCloseTo(exact[f], 6);
  });

  it("returns the row's observed cells' share of the objective for the new vector", () => {
    const k = 4;
    const { random, nItems, y, indices, confidence, lambda } = problem(k);
    const target = Float64Array.from({ length: k }, () => random.normal() * 0.1);
    const share = conjugateGradientRow(gramian(y, nItems, k, lambda), y, k, indices, confidence, 0, indices.length, target, 0, 3, new CgWork(k));
    let expected = 0;
    indices.forEach((i, j) => {
      let s = 0;
      for (let f = 0; f < k; f++) s += target[f] * y[i * k + f];
      expected += confidence[j] * (1 - s) ** 2 - s * s;
    });
    expect(share).toBeCloseTo(expected, 8);
  });

  it("gives each row the same bits whether solved alone or in a group, in any chunks", () => {
    const random = new Random(9);
    const k = 7;
    const nOther = 50;
    const rows = randomRows(random, 23, nOther, 20);
    const other = Float64Array.from({ length: nOther * k }, () => random.normal() * 0.3);
    const gram = gramian(other, nOther, k, 2);
    const start = Float64Array.from({ length: 23 * k }, () => random.normal() * 0.01);

    const alone = Float64Array.from(start);
    const aloneLoss = new Float64Array(23);
    const work = new CgWork(k);
    for (let r = 0; r < 23; r++) {
      aloneLoss[r] = conjugateGradientRow(gram, other, k, rows.indices, rows.confidence, rows.ptr[r], rows.ptr[r + 1], alone, r * k, 3, work);
    }
    for (const bounds of [[0, 23], [0, 5, 6, 17, 23], [0, 1, 2, 3, 9, 23]]) {
      const grouped = Float64Array.from(start);
      const groupedLoss = new Float64Array(23);
      for (let c = 0; c + 1 < bounds.length; c++) solveRows(rows, gram, other, grouped, k, 3, bounds[c], bounds[c + 1], new CgWork(k), groupedLoss);
      expect(grouped).toEqual(alone);
      expect(groupedLoss).toEqual(aloneLoss);
    }
  });
});

describe("ALS kernels: objective", () => {
  it("gets the objective from the Gramians and the observed cells' shares", () => {
    const random = new Random(4);
    const k = 3;
    const nUsers = 9;
    const nItems = 6;
    const users = randomRows(random, nUsers, nItems, 4);
    const x = Float64Array.from({ length: nUsers * k }, () => random.normal());
    const y = Float64Array.from({ length: nItems * k }, () => random.normal());
    let observed = 0;
    for (let u = 0; u < nUsers; u++) {
      for (let j = users.ptr[u]; j < users.ptr[u + 1]; j++) {
        let s = 0;
        for (let f = 0; f < k; f++) s += x[u * k + f] * y[users.indices[j] * k + f];
        const c = users.confidence[j];
        observed += (c - 1) * s * s - 2 * c * s + c;
      }
    }
    const viaGrams = gramObjective(gramian(x, nUsers, k, 0), gramian(y, nItems, k, 0), k, observed, 0.3);
    expect(viaGrams).toBeCloseTo(implicitObjective(x, y, nUsers, nItems, k, users.ptr, users.indices, users.confidence, 0.3), 8);
  });
});

describe("ALS kernels: chunks", () => {
  it("splits rows into contiguous chunks of about equal work", () => {
    // Row r has r nonzeros, and with k = 5 each row adds 1 more: the rows
    // before m weigh m(m − 1)/2 + m = m(m + 1)/2, of 5050 in all. Chunk c
    // starts where that first reaches 5050·c/4: m = 50, 71 and 87.
    const ptr = Int32Array.from({ length: 101 }, (_, r) => (r * (r - 1)) / 2);
    const bounds = rowChunks(ptr, 5, 4);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(100);
    for (let c = 1; c < bounds.length; c++) expect(bounds[c]).toBeGreaterThan(bounds[c - 1]);
    expect(Array.from(bounds)).toEqual([0, 50, 71, 87, 100]);
  });

  it("makes no empty chunks when asked for more chunks than rows", () => {
    const bounds = rowChunks(Int32Array.from([0, 3, 3, 9]), 8, 10);
    expect(bounds[0]).toBe(0);
    expect(bounds.at(-1)).toBe(3);
    for (let c = 1; c < bounds.length; c++) expect(bounds[c]).toBeGreaterThan(bounds[c - 1]);
  });
});
