/**
 * The work of an implicit ALS fit as tasks over one shared memory (private to
 * `implicit-als.ts`): the code both the main thread and the sweep workers run,
 * so a fit computes exactly the same numbers whoever runs which chunk.
 */
import { GRAM_BLOCK_ROWS, gramBlocks } from "./kernels.js";
import { instantiateKernels, type AlsKernels } from "./wasm-kernels.js";

/** Byte offsets in `SweepState.memory` of the arrays every thread of a fit reads or writes. */
export interface SweepLayout {
  /** User factors, nUsers × stride row-major floats. */
  x: number;
  /** Item factors, nItems × stride row-major floats. */
  y: number;
  /** The observed entries by user and by item: ptr and indices as i32, confidence as f32 (see SparseRows). */
  userPtr: number;
  userIndices: number;
  userConfidence: number;
  itemPtr: number;
  itemIndices: number;
  itemConfidence: number;
  /** G + λI of the current half-sweep, stride × stride doubles. */
  gram: number;
  /** Partial Gramians, one stride × stride upper triangle per block of rows. */
  gramParts: number;
  /** Each item's observed cells' share of the objective, written by the item half-sweep. */
  itemLoss: number;
  /** The first thread's scratch; thread t's is at work + t · workBytes. */
  work: number;
  workBytes: number;
}

/** Everything the threads of a fit share, cloned to each worker: the memory itself is shared, the rest is small. */
export interface SweepState {
  /** Values per factor row: k padded with zeros to a multiple of 16 (see sweep-memory.ts). */
  stride: number;
  cgSteps: number;
  nUsers: number;
  nItems: number;
  /** The most nonzeros of any row, on either side: what a thread's scratch is sized for. */
  maxRow: number;
  memory: WebAssembly.Memory;
  at: SweepLayout;
  /** Row boundaries of the chunks each half-sweep is split into. */
  userChunks: Int32Array;
  itemChunks: Int32Array;
  /** [0]: next chunk to claim; threads take chunks until none is left. On a SharedArrayBuffer. */
  next: Int32Array;
}

/**
 * A unit of work every thread joins, claiming its chunks one at a time from
 * `state.next`: "gram" computes the partial Gramians of one side's factors,
 * "solve" runs the CG solves of one side's rows against the Gramian at `at.gram`.
 */
export interface SweepTask {
  kind: "solve" | "gram";
  side: "users" | "items";
}

/** One thread's part in a fit: its instance of the kernels on the shared memory, and its scratch. */
export class SweepThread {
  private readonly kernels: AlsKernels;
  private readonly work: number;

  /** `index` numbers the threads of a fit from 0 (the main thread), each with its own scratch. */
  constructor(
    private readonly state: SweepState,
    index: number,
  ) {
    this.kernels = instantiateKernels(state.memory);
    this.work = state.at.work + index * state.at.workBytes;
  }

  /** Takes chunks of `task` from `state.next` until none is left. */
  run(task: SweepTask): void {
    const { next } = this.state;
    const count = chunkCount(this.state, task);
    for (let chunk = Atomics.add(next, 0, 1); chunk < count; chunk = Atomics.add(next, 0, 1)) this.runChunk(task, chunk);
  }

  private runChunk(task: SweepTask, chunk: number): void {
    const { stride, at } = this.state;
    const users = task.side === "users";
    if (task.kind === "gram") {
      const rows = users ? this.state.nUsers : this.state.nItems;
      const from = chunk * GRAM_BLOCK_ROWS;
      this.kernels.gram_rows(users ? at.x : at.y, from, Math.min(rows, from + GRAM_BLOCK_ROWS), stride, at.gramParts + chunk * stride * stride * 8);
      return;
    }
    const bounds = users ? this.state.userChunks : this.state.itemChunks;
    this.kernels.solve_rows(
      users ? at.userPtr : at.itemPtr,
      users ? at.userIndices : at.itemIndices,
      users ? at.userConfidence : at.itemConfidence,
      at.gram,
      users ? at.y : at.x,
      users ? at.x : at.y,
      stride,
      this.state.cgSteps,
      bounds[chunk],
      bounds[chunk + 1],
      this.work,
      this.state.maxRow,
      users ? 0 : at.itemLoss,
    );
  }
}

/** How many chunks `task` is split into. */
function chunkCount(state: SweepState, task: SweepTask): number {
  if (task.kind === "gram") return gramBlocks(task.side === "users" ? state.nUsers : state.nItems);
  return (task.side === "users" ? state.userChunks : state.itemChunks).length - 1;
}
