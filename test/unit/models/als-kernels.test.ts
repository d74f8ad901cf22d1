import { describe, expect, it } from "vitest";
import { Random } from "../../../src/common/random.js";
import { GRAM_BLOCK_ROWS, gramian, gramObjective, implicitObjective, rowChunks } from "../../../src/models/mf/als/kernels.js";

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
