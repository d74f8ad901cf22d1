import { describe, expect, it } from "vitest";
import { RatingMatrix } from "../../../src/models/data/rating-matrix.js";
import { itemRows, pairUpdates, rankingOptions, Similarities, type SimilarityOptions, TopK, userRows } from "../../../src/models/knn/similarity.js";
import type { Neighbors } from "../../../src/models/model.js";
import { structuredRatings } from "./shared-suite.js";

/** A users × items matrix from rows of [item, rating] pairs. */
function matrix(nItems: number, rows: [number, number][][]): RatingMatrix {
  const users: number[] = [];
  const items: number[] = [];
  const ratings: number[] = [];
  rows.forEach((row, u) =>
    row.forEach(([i, r]) => {
      users.push(u);
      items.push(i);
      ratings.push(r);
    }),
  );
  return new RatingMatrix(rows.length, nItems, {
    users: Int32Array.from(users),
    items: Int32Array.from(items),
    ratings: Float32Array.from(ratings),
    timestamps: new Float64Array(users.length),
  });
}

const plain: Omit<SimilarityOptions, "measure"> = { shrinkage: 0, minSupport: 1, maxNeighborsPerRow: 10 };

/** The similarity of row a to every row, signed (allPairs keeps only positive ones). */
function signed(similarities: Similarities, a: number): number[] {
  const { rowPtr, rowIndex, rowValues } = similarities.matrix;
  return Array.from(similarities.toRow(rowIndex.subarray(rowPtr[a], rowPtr[a + 1]), rowValues.subarray(rowPtr[a], rowPtr[a + 1])));
}

function list(neighbors: Neighbors, row: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = row * neighbors.k; p < row * neighbors.k + neighbors.count[row]; p++) out.push([neighbors.indices[p], neighbors.scores[p]]);
  return out;
}

/**
 * Cosine, items as rows:   i0  i1  i2
 *                     u0    3   4   2
 *                     u1    4   .   4
 *                     u2    .   3   4
 * Norms over each item's own ratings: |i0| = √(9+16) = 5, |i1| = √(16+9) = 5, |i2| = √(4+16+16) = 6.
 *   cos(i0,i1) = 3·4 / (5·5) = 12/25 = 0.48            (n = 1, common user u0)
 *   cos(i0,i2) = (3·2 + 4·4) / (5·6) = 22/30 = 11/15   (n = 2)
 *   cos(i1,i2) = (4·2 + 3·4) / (5·6) = 20/30 = 2/3     (n = 2)
 * With shrinkage 1: 12/25 · 1/2 = 6/25, 11/15 · 2/3 = 22/45, 2/3 · 2/3 = 4/9.
 */
const cosineMatrix = matrix(3, [
  [
    [0, 3],
    [1, 4],
    [2, 2],
  ],
  [
    [0, 4],
    [2, 4],
  ],
  [
    [1, 3],
    [2, 4],
  ],
]);

/**
 * Adjusted cosine, items as rows, each rating centred on its user's mean:
 *        i0  i1  i2   mean   centred
 *   u0    5   5   2    4     +1 +1 −2
 *   u1    4   4   1    3     +1 +1 −2
 *   u2    3   4   2    3      0 +1 −1
 *   u3    .   3   1    2      . +1 −1
 *   (i0,i1) over u0,u1,u2: (1 + 1 + 0) / √((1+1+0)(1+1+1)) = 2/√6         (n = 3)
 *   (i0,i2) over u0,u1,u2: (−2 − 2 + 0) / √((1+1+0)(4+4+1)) = −4/√18      (n = 3)
 *   (i1,i2) over all four: (−2 − 2 − 1 − 1) / √((1+1+1+1)(4+4+1+1)) = −6/√40 (n = 4)
 */
const adjustedMatrix = matrix(3, [
  [
    [0, 5],
    [1, 5],
    [2, 2],
  ],
  [
    [0, 4],
    [1, 4],
    [2, 1],
  ],
  [
    [0, 3],
    [1, 4],
    [2, 2],
  ],
  [
    [1, 3],
    [2, 1],
  ],
]);

/**
 * Pearson, users as rows, each centred on the mean of all their ratings (3 for everyone):
 *        i0  i1  i2  i3   centred
 *   u0    5   3   1   .   +2  0 −2  .
 *   u1    4   2   .   3   +1 −1  .  0
 *   u2    .   4   2   3    . +1 −1  0
 *   u3    1   .   5   .   −2  . +2  .
 *   (u0,u1) over i0,i1: (2·1 + 0·(−1)) / √((4+0)(1+1)) = 2/√8 = 1/√2   (n = 2)
 *   (u0,u2) over i1,i2: (0·1 + (−2)(−1)) / √((0+4)(1+1)) = 1/√2       (n = 2)
 *   (u0,u3) over i0,i2: (2(−2) + (−2)2) / √(8·8) = −1                 (n = 2)
 *   (u1,u2) over i1,i3: ((−1)1 + 0) / √(1·1) = −1                     (n = 2)
 *   (u1,u3) over i0: 1·(−2) / √(1·4) = −1;  (u2,u3) over i2: (−1)2 / √(1·4) = −1   (n = 1)
 * Centring on the means over the common items instead would make (u0,u1) exactly 1.
 */
const pearsonMatrix = matrix(4, [
  [
    [0, 5],
    [1, 3],
    [2, 1],
  ],
  [
    [0, 4],
    [1, 2],
    [3, 3],
  ],
  [
    [1, 4],
    [2, 2],
    [3, 3],
  ],
  [
    [0, 1],
    [2, 5],
  ],
]);

describe("similarity: hand-computed measures", () => {
  it("cosine uses each row's full norm", () => {
    const s = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain });
    expect(signed(s, 0)[1]).toBeCloseTo(12 / 25, 6);
    expect(signed(s, 0)[2]).toBeCloseTo(11 / 15, 6);
    expect(signed(s, 1)[2]).toBeCloseTo(2 / 3, 6);
    expect(signed(s, 2)[0]).toBeCloseTo(11 / 15, 6);
  });

  it("cosine with shrinkage and minimum support", () => {
    const shrunk = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain, shrinkage: 1 });
    expect(signed(shrunk, 0)[1]).toBeCloseTo(6 / 25, 6);
    expect(signed(shrunk, 0)[2]).toBeCloseTo(22 / 45, 6);
    expect(signed(shrunk, 1)[2]).toBeCloseTo(4 / 9, 6);
    const supported = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain, minSupport: 2 });
    expect(signed(supported, 0)[1]).toBe(0);
    expect(signed(supported, 0)[2]).toBeCloseTo(11 / 15, 6);
  });

  it("toRow takes a lower minimum support for a short row", () => {
    const supported = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain, minSupport: 2 });
    // i0's own column: 3 from u0, 4 from u1.
    const i0 = supported.toRow(Int32Array.from([0, 1]), Float32Array.from([3, 4]), 1);
    expect(i0[1]).toBeCloseTo(12 / 25, 6);
    expect(i0[2]).toBeCloseTo(11 / 15, 6);
  });

  it("adjusted cosine centres on the user's mean", () => {
    const s = new Similarities(itemRows(adjustedMatrix), { measure: "adjusted-cosine", ...plain });
    expect(signed(s, 0)[1]).toBeCloseTo(2 / Math.sqrt(6), 6);
    expect(signed(s, 0)[2]).toBeCloseTo(-4 / Math.sqrt(18), 6);
    expect(signed(s, 1)[2]).toBeCloseTo(-6 / Math.sqrt(40), 6);
  });

  it("adjusted cosine with shrinkage and minimum support", () => {
    const shrunk = new Similarities(itemRows(adjustedMatrix), { measure: "adjusted-cosine", ...plain, shrinkage: 3 });
    expect(signed(shrunk, 0)[1]).toBeCloseTo((2 / Math.sqrt(6)) * (3 / 6), 6);
    expect(signed(shrunk, 1)[2]).toBeCloseTo((-6 / Math.sqrt(40)) * (4 / 7), 6);
    const supported = new Similarities(itemRows(adjustedMatrix), { measure: "adjusted-cosine", ...plain, minSupport: 4 });
    expect(signed(supported, 0)[1]).toBe(0);
    expect(signed(supported, 1)[2]).toBeCloseTo(-6 / Math.sqrt(40), 6);
  });

  it("pearson centres each row on the mean of all its ratings", () => {
    const s = new Similarities(userRows(pearsonMatrix), { measure: "pearson", ...plain });
    expect(signed(s, 0)).toEqual([expect.closeTo(1, 6), expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(Math.SQRT1_2, 6), expect.closeTo(-1, 6)]);
    expect(signed(s, 1)[2]).toBeCloseTo(-1, 6);
    expect(signed(s, 1)[3]).toBeCloseTo(-1, 6);
  });

  it("pearson with shrinkage and minimum support", () => {
    const shrunk = new Similarities(userRows(pearsonMatrix), { measure: "pearson", ...plain, shrinkage: 2 });
    expect(signed(shrunk, 0)[1]).toBeCloseTo(Math.SQRT1_2 * (2 / 4), 6);
    expect(signed(shrunk, 1)[3]).toBeCloseTo(-1 * (1 / 3), 6);
    const supported = new Similarities(userRows(pearsonMatrix), { measure: "pearson", ...plain, minSupport: 2 });
    expect(signed(supported, 1)[3]).toBe(0);
    expect(signed(supported, 0)[3]).toBeCloseTo(-1, 6);
  });
});

describe("similarity: top-K lists", () => {
  it("keeps positive similarities only, best first, symmetric", () => {
    const neighbors = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain }).allPairs();
    expect(list(neighbors, 0)).toEqual([
      [2, expect.closeTo(11 / 15, 6)],
      [1, expect.closeTo(12 / 25, 6)],
    ]);
    expect(list(neighbors, 1)).toEqual([
      [2, expect.closeTo(2 / 3, 6)],
      [0, expect.closeTo(12 / 25, 6)],
    ]);
    expect(list(neighbors, 2)).toEqual([
      [0, expect.closeTo(11 / 15, 6)],
      [1, expect.closeTo(2 / 3, 6)],
    ]);
    const adjusted = new Similarities(itemRows(adjustedMatrix), { measure: "adjusted-cosine", ...plain }).allPairs();
    expect(Array.from(adjusted.count)).toEqual([1, 1, 0]);
    expect(list(adjusted, 0)).toEqual([[1, expect.closeTo(2 / Math.sqrt(6), 6)]]);
  });

  it("breaks ties by the lower index and leaves rows without a positive neighbour empty", () => {
    const neighbors = new Similarities(userRows(pearsonMatrix), { measure: "pearson", ...plain }).allPairs();
    expect(list(neighbors, 0).map(([v]) => v)).toEqual([1, 2]);
    expect(list(neighbors, 1).map(([v]) => v)).toEqual([0]);
    expect(list(neighbors, 2).map(([v]) => v)).toEqual([0]);
    expect(neighbors.count[3]).toBe(0);
  });

  it("keeps at most K per row", () => {
    const neighbors = new Similarities(itemRows(cosineMatrix), { measure: "cosine", ...plain, maxNeighborsPerRow: 1 }).allPairs();
    expect(neighbors.k).toBe(1);
    expect(Array.from(neighbors.indices)).toEqual([2, 2, 0]);
  });

  it("agrees with row-by-row similarities on a larger matrix, for every measure", () => {
    const { matrix: m } = structuredRatings(3, 30, 25);
    for (const measure of ["cosine", "adjusted-cosine", "pearson"] as const) {
      for (const rows of [itemRows(m), userRows(m)]) {
        const K = 6;
        const s = new Similarities(rows, { measure, shrinkage: 5, minSupport: 2, maxNeighborsPerRow: K });
        const neighbors = s.allPairs();
        for (let a = 0; a < rows.nRows; a++) {
          const expected = signed(s, a)
            .map((score, b) => [b, score] as [number, number])
            .filter(([b, score]) => b !== a && score > 0)
            .sort((x, y) => y[1] - x[1] || x[0] - y[0])
            .slice(0, K);
          expect(list(neighbors, a)).toEqual(expected);
        }
      }
    }
  });

  it("gives each neighbour its support: how many columns the two rows share", () => {
    const { matrix: m } = structuredRatings(3, 30, 25);
    for (const rows of [itemRows(m), userRows(m)]) {
      const neighbors = new Similarities(rows, { measure: "pearson", shrinkage: 5, minSupport: 2, maxNeighborsPerRow: 6 }).allPairs();
      const columns = (r: number) => new Set(rows.rowIndex.subarray(rows.rowPtr[r], rows.rowPtr[r + 1]));
      for (let a = 0; a < rows.nRows; a++) {
        const mine = columns(a);
        for (let p = a * neighbors.k; p < a * neighbors.k + neighbors.count[a]; p++) {
          const shared = [...columns(neighbors.indices[p])].filter((c) => mine.has(c)).length;
          expect(neighbors.support[p]).toBe(shared);
        }
      }
    }
  });

  it("ranking lists are unshrunk cosine with the model's minimum support and K", () => {
    expect(rankingOptions({ minSupport: 2, neighbors: 7 })).toEqual({ measure: "cosine", shrinkage: 0, minSupport: 2, maxNeighborsPerRow: 7 });
    const neighbors = new Similarities(itemRows(cosineMatrix), rankingOptions({ minSupport: 2, neighbors: 2 })).allPairs();
    // (i0, i1) share one user only.
    expect(list(neighbors, 0)).toEqual([[2, expect.closeTo(11 / 15, 6)]]);
    expect(list(neighbors, 2)).toEqual([
      [0, expect.closeTo(11 / 15, 6)],
      [1, expect.closeTo(2 / 3, 6)],
    ]);
  });

  it("counts the pair updates of the sparse accumulation", () => {
    // Columns of the item rows are users with 3, 2 and 2 ratings: 3 + 1 + 1 pairs.
    expect(pairUpdates(itemRows(cosineMatrix))).toBe(5);
    // Columns of the user rows are items rated by 3, 3, 3 and 2 users.
    expect(pairUpdates(userRows(pearsonMatrix))).toBe(3 + 3 + 3 + 1);
  });
});

describe("similarity: TopK", () => {
  it("keeps the K best of a stream, best first", () => {
    const top = new TopK(2, 3);
    const stream: [number, number][] = [
      [0, 0.1],
      [1, 0.9],
      [2, 0.5],
      [3, 0.7],
      [4, 0.2],
      [5, 0.9],
    ];
    for (const [index, score] of stream) top.offer(0, index, score);
    top.offer(1, 7, 1);
    const neighbors = top.toNeighbors();
    expect(list(neighbors, 0)).toEqual([
      [1, expect.closeTo(0.9, 6)],
      [5, expect.closeTo(0.9, 6)],
      [3, expect.closeTo(0.7, 6)],
    ]);
    expect(list(neighbors, 1)).toEqual([[7, 1]]);
  });

  it("keeps each neighbour's support with it through the heap and the sort", () => {
    const top = new TopK(1, 3);
    for (const [index, score] of [[0, 0.1], [1, 0.9], [2, 0.5], [3, 0.7], [4, 0.2], [5, 0.8]]) top.offer(0, index, score, 100 + index);
    const neighbors = top.toNeighbors();
    expect(Array.from(neighbors.indices)).toEqual([1, 5, 3]);
    expect(Array.from(neighbors.support)).toEqual([101, 105, 103]);
  });
});
