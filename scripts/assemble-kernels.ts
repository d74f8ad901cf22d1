/**
 * Assembles the WebAssembly text of the ALS kernels into the module the code
 * loads, `kernels-binary.ts`: the bytes in base64, so that tsc carries them
 * into dist/ and tsx, vitest and worker threads read them like any other
 * module. Used by `npm run build:wasm` and by the test that the committed
 * module is up to date.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import wabt from "wabt";
import { PACKAGE_ROOT } from "../src/paths.js";

const KERNELS_DIR = join(PACKAGE_ROOT, "src", "models", "mf", "als");

/** The hand-written source. */
export const KERNELS_WAT = join(KERNELS_DIR, "kernels.wat");

/** The generated module, committed. */
export const KERNELS_MODULE = join(KERNELS_DIR, "kernels-binary.ts");

/** SIMD, plus a shared memory (threads) and memory.fill/copy (bulk memory): all in Node 20 without flags. */
const FEATURES = { simd: true, threads: true, bulk_memory: true };

/** wabt's typings leave out validate's features, without which it refuses a shared memory. */
type Validate = (this: unknown, features: typeof FEATURES) => void;

/** kernels.wat assembled and validated; throws with wabt's message on an error. */
export async function assembleKernels(): Promise<Uint8Array> {
  const module = (await wabt()).parseWat("kernels.wat", readFileSync(KERNELS_WAT, "utf8"), FEATURES);
  try {
    (module.validate as Validate).call(module, FEATURES);
    return module.toBinary({}).buffer;
  } finally {
    module.destroy();
  }
}

/** The text of kernels-binary.ts for the assembled bytes. */
export function kernelsModuleSource(wasm: Uint8Array): string {
  return [
    "// Generated from kernels.wat by `npm run build:wasm`; do not edit. A unit test fails when it is out of date.",
    "",
    "/** The ALS kernels (kernels.wat) as a WebAssembly binary, in base64. */",
    `export const KERNELS_WASM = "${Buffer.from(wasm).toString("base64")}";`,
    "",
  ].join("\n");
}
