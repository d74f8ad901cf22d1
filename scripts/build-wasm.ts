/** npm run build:wasm: assembles src/models/mf/als/kernels.wat into kernels-binary.ts (see assemble-kernels.ts). */
import { writeFileSync } from "node:fs";
import { assembleKernels, KERNELS_MODULE, kernelsModuleSource } from "./assemble-kernels.js";

writeFileSync(KERNELS_MODULE, kernelsModuleSource(await assembleKernels()));
console.log(`wrote ${KERNELS_MODULE}`);
