/**
 * The part of the WebAssembly JS API that the ALS kernels use. TypeScript
 * declares it only in its DOM and web-worker libraries, which this Node
 * project does not load, and @types/node 20 leaves it out.
 */
declare namespace WebAssembly {
  interface MemoryDescriptor {
    /** Size in 64 KiB pages. */
    initial: number;
    maximum?: number;
    shared?: boolean;
  }

  class Memory {
    constructor(descriptor: MemoryDescriptor);
    /** A SharedArrayBuffer for a shared memory. */
    readonly buffer: ArrayBuffer | SharedArrayBuffer;
  }

  class Module {
    constructor(bytes: ArrayBufferView | ArrayBuffer);
  }

  class Instance {
    constructor(module: Module, imports?: Record<string, Record<string, unknown>>);
    readonly exports: Record<string, unknown>;
  }
}
