import type { Database } from "../db/database.js";
import type { ContentModel } from "../models/content/content-model.js";
import type { IdIndex } from "../models/data/interactions.js";
import { indexNeighbours, type IndexCoverage } from "./vector-index.js";
import { cutThreshold, idOverlap, recallAtK } from "./vector-math.js";
import { mean, row, timed, type CaseSettings, type MethodResult } from "./vector-results.js";
import { benchItemIndex, type IndexAnswers } from "./vector-runs.js";

/** How often the exact answer is not unique: many movies share one embedding (same genres, no tags, no genome). */
export interface ContentTies {
  queries: number;
  /** Queries with more than k movies at or above their k-th best cosine: any k of them are a right answer. */
  tiedQueries: number;
  /** Median number of movies at or above the k-th best cosine, over the tied queries. */
  medianTiedMovies: number;
}

const CASE = { label: "content similar movies", kind: "content", synthetic: false } as const;

/**
 * Content similarity of `sample` movies: the model's exact `similarItems`
 * against the project's vector index on the same embeddings (left out when
 * it holds no vectors, see IndexCoverage), and against a bench index on them
 * built both with and without quantisation, which separates what
 * quantisation costs from what the approximate search costs.
 */
export async function benchContent(
  db: Database,
  model: ContentModel,
  items: IdIndex,
  coverage: IndexCoverage,
  sample: readonly number[],
  settings: CaseSettings,
): Promise<{ results: MethodResult[]; ties: ContentTies }> {
  const { k } = settings;
  const exact = await timed(sample, settings.warmup, (item) => model.similarItems(item, k));
  const results = [row(CASE, "exact, in memory (similarItems)", exact.ms)];
  const answers: IndexAnswers[] = [];
  if (coverage.index && coverage.returned > 0) {
    for (const candidates of settings.candidates) {
      const run = await timed(sample, settings.warmup, (item) => indexNeighbours(db, coverage.index!, coverage.property, items.idAt(item), candidates, k));
      const method = `index ${coverage.index} (quantisation ${coverage.quantization ? "on" : "off"}), ${candidates} candidates`;
      answers.push({ method, buildSeconds: null, ms: run.ms, returned: run.results.map((ids) => ids.map((id) => items.indexOf(id))) });
    }
  }
  const embedding = model.toState().itemVectors.embedding;
  const embeddingOf = (item: number) => embedding.data.subarray(item * embedding.dim, (item + 1) * embedding.dim);
  answers.push(...(await benchItemIndex(db, "bench index", embedding, sample, (item) => ({ vector: embeddingOf(item), exclude: item }), [true, false], settings)));

  const scored = answers.map(() => ({ recall: [] as number[], ids: [] as number[] }));
  sample.forEach((item, q) => {
    const truth = exact.results[q];
    answers.forEach((answer, a) => {
      const returned = answer.returned[q];
      const scores = new Map(returned.map((r) => [r, model.itemSimilarity(item, r)]));
      scored[a].recall.push(recallAtK((r) => scores.get(r) ?? Number.NEGATIVE_INFINITY, truth.scores[k - 1], returned, k));
      scored[a].ids.push(idOverlap(truth.items, returned, k));
    });
  });
  answers.forEach((answer, a) => {
    const recall = mean(scored[a].recall);
    results.push(row(CASE, answer.method, answer.ms, { recall, apiRecall: recall, sameIds: mean(scored[a].ids), buildSeconds: answer.buildSeconds }));
  });
  return { results, ties: contentTies(model, sample, exact.results.map((r) => r.scores[k - 1]), k) };
}

/** Counts, for each query, the movies (other than itself, with an embedding) whose cosine reaches its k-th best. */
function contentTies(model: ContentModel, sample: readonly number[], kthBest: number[], k: number): ContentTies {
  const n = model.toState().itemVectors.embedding.rows;
  const hasEmbedding = Array.from({ length: n }, (_, i) => model.itemSimilarity(i, i) > 0);
  const tied: number[] = [];
  sample.forEach((item, q) => {
    const threshold = cutThreshold(kthBest[q]);
    let count = 0;
    for (let i = 0; i < n; i++) if (i !== item && hasEmbedding[i] && model.itemSimilarity(item, i) >= threshold) count += 1;
    if (count > k) tied.push(count);
  });
  tied.sort((a, b) => a - b);
  return { queries: sample.length, tiedQueries: tied.length, medianTiedMovies: tied[Math.floor(tied.length / 2)] ?? 0 };
}
