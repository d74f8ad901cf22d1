import { Matrix, QrDecomposition } from "ml-matrix";
import { describe, expect, it } from "vitest";
import { ZodError } from "zod";
import { Random } from "../../../src/common/random.js";
import { randomizedSvd, type CsrMatrix, type DenseMatrix, type TruncatedSvd } from "../../../src/models/content/randomized-svd.js";

/** m × r with orthonormal columns: the Q of a seeded Gaussian matrix. */
function orthonormal(m: number, r: number, seed: number): Matrix {
  const random = new Random(seed);
  const gaussian = Matrix.from1DArray(m, r, Array.from({ length: m * r }, () => random.normal()));
  return new QrDecomposition(gaussian).orthogonalMatrix;
}

/** A = U diag(sigma) Vᵀ from random orthonormal U (m × r) and V (n × r): its singular values are exactly sigma. */
function withSingularValues(m: number, n: number, sigma: number[]): DenseMatrix {
  const u = orthonormal(m, sigma.length, 1);
  const v = orthonormal(n, sigma.length, 2);
  const a = u.mmul(Matrix.diag(sigma)).mmul(v.transpose());
  return { rows: m, cols: n, data: Float32Array.from(a.to1DArray()) };
}

/** Largest |(XᵀX − I)ᵢⱼ| for the columns of a row-major rows × cols matrix. */
function orthonormalityError(x: Float64Array, rows: number, cols: number): number {
  let worst = 0;
  for (let a = 0; a < cols; a++) {
    for (let b = 0; b < cols; b++) {
      let dot = 0;
      for (let i = 0; i < rows; i++) dot += x[i * cols + a] * x[i * cols + b];
      worst = Math.max(worst, Math.abs(dot - (a === b ? 1 : 0)));
    }
  }
  return worst;
}

function transpose(x: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = x[i * cols + j];
  return out;
}

function reconstructionError(a: DenseMatrix, svd: TruncatedSvd): number {
  let worst = 0;
  for (let i = 0; i < a.rows; i++) {
    for (let j = 0; j < a.cols; j++) {
      let value = 0;
      for (let c = 0; c < svd.rank; c++) value += svd.u[i * svd.rank + c] * svd.s[c] * svd.vt[c * a.cols + j];
      worst = Math.max(worst, Math.abs(value - a.data[i * a.cols + j]));
    }
  }
  return worst;
}

describe("randomizedSvd", () => {
  const sigma = [50, 20, 10, 7, 5, 3, 2, 1.5, 1, 0.5, 0.25, 0.1];
  const a = withSingularValues(300, 120, sigma);

  it("recovers the leading singular values of a matrix built from orthogonal factors", () => {
    const svd = randomizedSvd(a, { rank: 5 });
    expect(svd.rank).toBe(5);
    expect(svd.s).toHaveLength(5);
    svd.s.forEach((s, c) => expect(Math.abs(s - sigma[c])).toBeLessThan(1e-3));
  });

  it("finds every singular value when the rank fits in the sample, and rebuilds the matrix", () => {
    const svd = randomizedSvd(a, { rank: sigma.length });
    svd.s.forEach((s, c) => expect(Math.abs(s - sigma[c])).toBeLessThan(1e-3));
    // The input is float32, so 1e-5 is its own rounding, not the SVD's error.
    expect(reconstructionError(a, svd)).toBeLessThan(1e-5);
  });

  it("returns orthonormal singular vectors", () => {
    const svd = randomizedSvd(a, { rank: 8 });
    expect(orthonormalityError(svd.u, a.rows, 8)).toBeLessThan(1e-10);
    expect(orthonormalityError(transpose(svd.vt, 8, a.cols), a.cols, 8)).toBeLessThan(1e-10);
  });

  it("keeps U orthonormal when the matrix has lower rank than requested", () => {
    const low = withSingularValues(80, 60, [9, 4, 1]);
    const svd = randomizedSvd(low, { rank: 10, oversamples: 5 });
    expect(svd.rank).toBe(10);
    expect(Math.abs(svd.s[0] - 9)).toBeLessThan(1e-4);
    expect(Math.abs(svd.s[1] - 4)).toBeLessThan(1e-4);
    expect(Math.abs(svd.s[2] - 1)).toBeLessThan(1e-4);
    for (let c = 3; c < 10; c++) expect(svd.s[c]).toBeLessThan(1e-5);
    expect(orthonormalityError(svd.u, low.rows, 10)).toBeLessThan(1e-10);
  });

  it("is deterministic for a seed, and the singular values do not depend on it", () => {
    const first = randomizedSvd(a, { rank: 6, seed: 3 });
    const again = randomizedSvd(a, { rank: 6, seed: 3 });
    const other = randomizedSvd(a, { rank: 6, seed: 4 });
    expect(Array.from(again.u)).toEqual(Array.from(first.u));
    expect(Array.from(again.s)).toEqual(Array.from(first.s));
    expect(Array.from(again.vt)).toEqual(Array.from(first.vt));
    expect(Array.from(other.u)).not.toEqual(Array.from(first.u));
    other.s.forEach((s, c) => expect(s).toBeCloseTo(first.s[c], 6));
  });

  it("solves a 2 × 2 diagonal matrix by hand: σ = (4, 3), u₁ = ±e₂, v₁ = ±e₂", () => {
    const svd = randomizedSvd({ rows: 2, cols: 2, data: Float32Array.from([3, 0, 0, 4]) }, { rank: 2 });
    expect(svd.s[0]).toBeCloseTo(4, 12);
    expect(svd.s[1]).toBeCloseTo(3, 12);
    expect(Math.abs(svd.u[0 * 2 + 0])).toBeCloseTo(0, 12);
    expect(Math.abs(svd.u[1 * 2 + 0])).toBeCloseTo(1, 12);
    expect(Math.abs(svd.vt[0 * 2 + 1])).toBeCloseTo(1, 12);
    // Each triplet's signs agree: u₁σ₁v₁ᵀ rebuilds the 4 in the corner.
    expect(svd.u[2] * svd.s[0] * svd.vt[1]).toBeCloseTo(4, 12);
  });

  it("gives a sparse CSR matrix the same singular values as its dense form", () => {
    const dense: DenseMatrix = { rows: 4, cols: 3, data: Float32Array.from([1, 0, 2, 0, 0, 3, 4, 0, 0, 0, 5, 0]) };
    const sparse: CsrMatrix = {
      rows: 4,
      cols: 3,
      ptr: Int32Array.from([0, 2, 3, 4, 5]),
      indices: Int32Array.from([0, 2, 2, 0, 1]),
      values: Float32Array.from([1, 2, 3, 4, 5]),
    };
    const fromDense = randomizedSvd(dense, { rank: 3 });
    const fromSparse = randomizedSvd(sparse, { rank: 3 });
    // Columns 0 and 2 are (1,0,4,0) and (2,3,0,0); column 1 is (0,0,0,5): σ = 5 exactly for it.
    expect(fromSparse.s.some((s) => Math.abs(s - 5) < 1e-12)).toBe(true);
    fromSparse.s.forEach((s, c) => expect(s).toBeCloseTo(fromDense.s[c], 10));
  });

  it("caps the rank at the smaller dimension", () => {
    const svd = randomizedSvd(withSingularValues(10, 6, [3, 2, 1]), { rank: 64 });
    expect(svd.rank).toBe(6);
    expect(svd.u).toHaveLength(10 * 6);
    expect(svd.vt).toHaveLength(6 * 6);
  });

  it("rejects bad settings and malformed matrices", () => {
    expect(() => randomizedSvd(a, { rank: 0 })).toThrow(ZodError);
    expect(() => randomizedSvd(a, { powerIterations: -1 })).toThrow(ZodError);
    expect(() => randomizedSvd({ rows: 2, cols: 3, data: new Float32Array(5) })).toThrow(/needs 6 values/);
    expect(() =>
      randomizedSvd({ rows: 1, cols: 2, ptr: Int32Array.from([0, 1]), indices: Int32Array.from([2]), values: Float32Array.from([1]) }),
    ).toThrow(/column 2/);
  });
});
