/**
 * Lays out the arrays of an implicit ALS fit in one shared WebAssembly memory,
 * where the kernels of every thread reach them (private to `implicit-als.ts`).
 *
 * Factor rows (single precision), and the rows and columns of Gramians
 * (double), are padded with zeros to `stride` = k rounded up to a multiple of
 * 16, which the kernels need (see kernels.wat). The padding stays zero: every product that could feed it has
 * a zero factor, and the ridge it gets on G's diagonal only ever meets zeros.
 */
import { FitError } from "../../model.js";
import { gramBlocks, rowChunks, type SparseRows } from "./kernels.js";
import type { SweepState } from "./sweep-tasks.js";
import { MAX_MEMORY_BYTES, MemoryPlan, workBytes } from "./wasm-kernels.js";

/** What the memory of a fit is sized for. */
export interface SweepShape {
  k: number;
  cgSteps: number;
  nUsers: number;
  nItems: number;
  /** Row boundaries of the observed entries by user and by item (equal totals). */
  userPtr: Int32Array;
  itemPtr: Int32Array;
  threads: number;
  /** How many chunks to split each half-sweep into. */
  chunks: number;
}

/** Views of the shared arrays that the main thread fills or reads; factor rows and Gramians are `stride` wide. */
export interface SweepArrays {
  stride: number;
  x: Float32Array;
  y: Float32Array;
  gram: Float64Array;
  gramParts: Float64Array;
  itemLoss: Float64Array;
  /** Their ptr holds a copy of the shape's; indices and confidence are zeros for the caller to fill. */
  byUser: SparseRows;
  byItem: SparseRows;
}

/** The state a fit's threads share, and the main thread's views of it; throws a FitError if it needs more than 4 GiB. */
export function allocateSweep(shape: SweepShape): { state: SweepState; arrays: SweepArrays } {
  const { k, nUsers, nItems, userPtr, itemPtr, threads } = shape;
  const stride = paddedStride(k);
  const nnz = userPtr[nUsers];
  const maxRow = Math.max(longestRow(userPtr), longestRow(itemPtr));
  const blocks = gramBlocks(Math.max(nUsers, nItems));
  const plan = new MemoryPlan();
  const at = {
    x: plan.reserve(nUsers * stride * 4),
    y: plan.reserve(nItems * stride * 4),
    userPtr: plan.reserve(userPtr.length * 4),
    userIndices: plan.reserve(nnz * 4),
    userConfidence: plan.reserve(nnz * 4),
    itemPtr: plan.reserve(itemPtr.length * 4),
    itemIndices: plan.reserve(nnz * 4),
    itemConfidence: plan.reserve(nnz * 4),
    gram: plan.reserve(stride * stride * 8),
    gramParts: plan.reserve(blocks * stride * stride * 8),
    itemLoss: plan.reserve(nItems * 8),
    work: 0,
    workBytes: workBytes(stride, maxRow),
  };
  at.work = plan.reserve(threads * at.workBytes);
  if (plan.bytes > MAX_MEMORY_BYTES) {
    throw new FitError(`implicit ALS needs ${(plan.bytes / 2 ** 30).toFixed(1)} GiB for ${nnz} ratings × ${k} factors, more than the 4 GiB of a WebAssembly memory`);
  }
  const memory = plan.create();
  const { buffer } = memory;
  const rows = (ptr: number, indices: number, confidence: number, source: Int32Array): SparseRows => {
    const copy = new Int32Array(buffer, ptr, source.length);
    copy.set(source);
    return { ptr: copy, indices: new Int32Array(buffer, indices, nnz), confidence: new Float32Array(buffer, confidence, nnz) };
  };
  const state: SweepState = {
    stride,
    cgSteps: shape.cgSteps,
    nUsers,
    nItems,
    maxRow,
    memory,
    at,
    userChunks: rowChunks(userPtr, stride, shape.chunks),
    itemChunks: rowChunks(itemPtr, stride, shape.chunks),
    next: new Int32Array(new SharedArrayBuffer(4)),
  };
  const arrays: SweepArrays = {
    stride,
    x: new Float32Array(buffer, at.x, nUsers * stride),
    y: new Float32Array(buffer, at.y, nItems * stride),
    gram: new Float64Array(buffer, at.gram, stride * stride),
    gramParts: new Float64Array(buffer, at.gramParts, blocks * stride * stride),
    itemLoss: new Float64Array(buffer, at.itemLoss, nItems),
    byUser: rows(at.userPtr, at.userIndices, at.userConfidence, userPtr),
    byItem: rows(at.itemPtr, at.itemIndices, at.itemConfidence, itemPtr),
  };
  return { state, arrays };
}

/** k rounded up to a multiple of 16: a factor row of single-precision values is whole 64-byte lines. */
export function paddedStride(k: number): number {
  return Math.ceil(k / 16) * 16;
}

/** The first k of every `stride` values of `padded`: a fit's factors as the model keeps them. */
export function unpadded(padded: Float32Array, rows: number, k: number, stride: number): Float32Array {
  const out = new Float32Array(rows * k);
  for (let row = 0; row < rows; row++) for (let f = 0; f < k; f++) out[row * k + f] = padded[row * stride + f];
  return out;
}

function longestRow(ptr: Int32Array): number {
  let longest = 0;
  for (let row = 0; row + 1 < ptr.length; row++) longest = Math.max(longest, ptr[row + 1] - ptr[row]);
  return longest;
}
