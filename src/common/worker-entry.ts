import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";

/**
 * How to start a worker thread on the module `name` beside `base` (an
 * import.meta.url): the compiled .js file in dist, or, when running as
 * TypeScript (tsx, vitest), the .ts source through tsx. On Node 20, tsx
 * registers its ESM hooks on the main thread only (`--import tsx` in a
 * worker's execArgv is ignored), so the worker is a small CommonJS script that
 * installs tsx's require hook and requires the source. tsx is resolved from
 * here, not from the working directory; the compiled build never needs it.
 */
export function workerEntry(base: string, name: string): { script: string | URL; eval: boolean } {
  if (!base.endsWith(".ts")) return { script: new URL(`./${name}.js`, base), eval: false };
  const tsx = createRequire(base).resolve("tsx/cjs/api");
  const source = fileURLToPath(new URL(`./${name}.ts`, base));
  return { script: `require(${JSON.stringify(tsx)}).register();\nrequire(${JSON.stringify(source)});`, eval: true };
}
