/**
 * The work of an implicit ALS fit as tasks over shared arrays (private to
 * `implicit-als.ts`): the code both the main thread and the sweep workers run,
 * so a fit computes exactly the same numbers whoever runs which chunk.
 */
import { CgWork, gramBlock, gramBlocks, solveRows, type SparseRows } from "./kernels.js";

/** Everything the threads of a fit share; with workers, every array is backed by a SharedArrayBuffer. */
export interface SweepState {
  k: number;
  cgSteps: number;
  nUsers: number;
  nItems: number;
  /** User factors, nUsers × k row-major. */
  x: Float64Array;
  /** Item factors, nItems × k row-major. */
  y: Float64Array;
  byUser: SparseRows;
  byItem: SparseRows;
  /** Row boundaries of the chunks each half-sweep is split into. */
  userChunks: Int32Array;
  itemChunks: Int32Array;
  /** G + λI of the current half-sweep, k × k. */
  gram: Float64Array;
  /** Partial Gramians, one k × k upper triangle per block of rows. */
  gramParts: Float64Array;
  /** Each item's observed cells' share of the objective, written by the item half-sweep. */
  itemLoss: Float64Array;
  /** [0]: next chunk to claim; threads take chunks until none is left. */
  next: Int32Array;
}

/**
 * A unit of work every thread joins, claiming its chunks one at a time from
 * `state.next`: "gram" computes the partial Gramians of one side's factors,
 * "solve" runs the CG solves of one side's rows against `state.gram`.
 */
export interface SweepTask {
  kind: "solve" | "gram";
  side: "users" | "items";
}

/** Takes chunks of `task` from `state.next` until none is left; `work` is this thread's scratch. */
export function runTask(state: SweepState, task: SweepTask, work: CgWork): void {
  const count = chunkCount(state, task);
  for (let chunk = Atomics.add(state.next, 0, 1); chunk < count; chunk = Atomics.add(state.next, 0, 1)) {
    runChunk(state, task, chunk, work);
  }
}

/** How many chunks `task` is split into. */
export function chunkCount(state: SweepState, task: SweepTask): number {
  if (task.kind === "gram") return gramBlocks(task.side === "users" ? state.nUsers : state.nItems);
  return (task.side === "users" ? state.userChunks : state.itemChunks).length - 1;
}

function runChunk(state: SweepState, task: SweepTask, chunk: number, work: CgWork): void {
  const { k } = state;
  const users = task.side === "users";
  if (task.kind === "gram") {
    gramBlock(users ? state.x : state.y, users ? state.nUsers : state.nItems, k, chunk, state.gramParts, chunk * k * k);
    return;
  }
  const bounds = users ? state.userChunks : state.itemChunks;
  if (users) solveRows(state.byUser, state.gram, state.y, state.x, k, state.cgSteps, bounds[chunk], bounds[chunk + 1], work);
  else solveRows(state.byItem, state.gram, state.x, state.y, k, state.cgSteps, bounds[chunk], bounds[chunk + 1], work, state.itemLoss);
}
