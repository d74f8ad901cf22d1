/**
 * The WebAssembly SIMD kernels of implicit ALS (`kernels.wat`) seen from JS
 * (private to `implicit-als.ts` and its sweep workers): the compiled module,
 * the memory they run on and the scratch each thread needs. Like `kernels.ts`
 * it imports nothing heavy, so a worker thread that loads it starts fast.
 */
import { KERNELS_WASM } from "./kernels-binary.js";

/** Short rows whose CG steps run in lockstep (kernels.wat): each product with G serves this many vectors. */
const CG_GROUP = 4;

/** The most a wasm32 memory holds: 65,536 pages of 64 KiB. */
export const MAX_MEMORY_BYTES = 2 ** 32;

const PAGE_BYTES = 65_536;

const ALIGN = 4096;

/** A row whose y_j hold more than this many floats (256 KB) is solved alone ($isLong in kernels.wat). */
const LONG_ROW_FLOATS = 65_536;

/** The exports of kernels.wat. Pointers are byte offsets into the memory; see the .wat for each. */
export interface AlsKernels {
  solve_rows(
    ptr: number,
    indices: number,
    confidence: number,
    gram: number,
    other: number,
    target: number,
    k: number,
    steps: number,
    from: number,
    to: number,
    work: number,
    maxRow: number,
    loss: number,
  ): void;
  gram_rows(factors: number, from: number, to: number, k: number, out: number): void;
}

let compiled: WebAssembly.Module | undefined;

/**
 * The kernels on `memory` (from `MemoryPlan.create`). Every thread of a fit
 * makes its own instance; all of them work on the one shared memory.
 */
export function instantiateKernels(memory: WebAssembly.Memory): AlsKernels {
  compiled ??= new WebAssembly.Module(Buffer.from(KERNELS_WASM, "base64"));
  return new WebAssembly.Instance(compiled, { env: { memory } }).exports as unknown as AlsKernels;
}

/**
 * Bytes of one thread's scratch for `solve_rows` with factor rows of k
 * floats (a multiple of 16) and rows of up to maxRow nonzeros, as kernels.wat
 * lays it out: flags, then x, r, p and A p of a group in double precision, a
 * zero row and the vector of a pass in single, y_j·v per nonzero, each group
 * row's y_j·x, and the gathered y_j of one long row or of four short ones
 * (each at most LONG_ROW_FLOATS), from a 64-byte boundary.
 */
export function workBytes(k: number, maxRow: number): number {
  const doubles = 4 * CG_GROUP * k + (maxRow + 8) + CG_GROUP * maxRow;
  const floats = 2 * k;
  const gathered = k * (maxRow + CG_GROUP * Math.floor(LONG_ROW_FLOATS / k));
  // Rounded to a cache line, so that the next thread's scratch starts on one.
  return Math.ceil((64 + 8 * doubles + 4 * floats + 64 + 4 * gathered) / 64) * 64;
}

/**
 * Lays arrays out in one memory: reserve each, then create the memory.
 * Offsets are page-aligned (4 KiB), so factor rows of 4·k bytes, k a multiple
 * of 16, start on cache lines, and for k = 16, 32, 64 … never straddle two
 * pages. Offset 0 is never handed out, so a zero pointer can mean "none".
 */
export class MemoryPlan {
  private end = ALIGN;

  /** Bytes reserved so far. */
  get bytes(): number {
    return this.end;
  }

  /** Reserves `bytes` and returns their offset. */
  reserve(bytes: number): number {
    const at = Math.ceil(this.end / ALIGN) * ALIGN;
    this.end = at + bytes;
    return at;
  }

  /**
   * A zero-filled memory that holds everything reserved. It is shared (a
   * SharedArrayBuffer underneath) so that worker threads can instantiate the
   * kernels on it, and cannot grow, so views on it stay valid.
   */
  create(): WebAssembly.Memory {
    const pages = Math.ceil(this.end / PAGE_BYTES);
    return new WebAssembly.Memory({ initial: pages, maximum: pages, shared: true });
  }
}
