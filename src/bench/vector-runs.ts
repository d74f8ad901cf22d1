import type { Database } from "../db/database.js";
import type { Matrix32 } from "../models/model.js";
import { BenchItemIndex } from "./vector-index.js";
import { timed, type CaseSettings } from "./vector-results.js";

/** One index setting's answers to every query, before they are scored. */
export interface IndexAnswers {
  method: string;
  buildSeconds: number | null;
  ms: number[];
  /** Item indices returned for each query, best first. */
  returned: number[][];
}

/**
 * Writes `vectors` as bench items and, for each quantisation setting, builds
 * the bench index and times every query at every candidate count. A query's
 * `exclude` item (the movie itself, in a similar-movies query) is asked for
 * on top and dropped from the answer.
 */
export async function benchItemIndex(
  db: Database,
  name: string,
  vectors: Matrix32,
  queries: readonly number[],
  queryOf: (q: number) => { vector: Float32Array; exclude?: number },
  quantizations: readonly boolean[],
  settings: CaseSettings,
): Promise<IndexAnswers[]> {
  const { k } = settings;
  const bench = new BenchItemIndex(db);
  await bench.write(vectors);
  const answers: IndexAnswers[] = [];
  try {
    for (const quantization of quantizations) {
      const buildSeconds = await bench.build(vectors.dim, quantization);
      for (const candidates of settings.candidates) {
        const run = await timed(queries, settings.warmup, async (q) => {
          const { vector, exclude } = queryOf(q);
          const extra = exclude === undefined ? 0 : 1;
          const items = await bench.query(vector, candidates + extra, k + extra);
          return items.filter((i) => i !== exclude).slice(0, k);
        });
        const method = `${name} (quantisation ${quantization ? "on" : "off"}), ${candidates} candidates`;
        answers.push({ method, buildSeconds, ms: run.ms, returned: run.results });
      }
      await bench.drop();
    }
  } finally {
    await bench.clear();
  }
  return answers;
}
