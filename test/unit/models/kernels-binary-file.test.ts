import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { assembleKernels, KERNELS_MODULE, kernelsModuleSource } from "../../../scripts/assemble-kernels.js";

describe("src/models/mf/als/kernels-binary.ts", () => {
  it("holds kernels.wat as it assembles now (run `npm run build:wasm` after changing it)", async () => {
    expect(readFileSync(KERNELS_MODULE, "utf8")).toBe(kernelsModuleSource(await assembleKernels()));
  });
});
