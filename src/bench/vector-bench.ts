import { availableParallelism, cpus, loadavg } from "node:os";
import { Random } from "../common/random.js";
import { openRelease } from "../ingest/formats/detect.js";
import { loadRelease } from "../ingest/loader.js";
import type { ProgressReporter } from "../ingest/progress.js";
import type { Logger } from "../logger.js";
import { ContentModel } from "../models/content/content-model.js";
import { BiasedMf } from "../models/mf/biased-mf.js";
import { ImplicitAls } from "../models/mf/implicit-als.js";
import { propertyName } from "../models/store/model-store.js";
import { trainModels } from "../models/train/trainer.js";
import { ModelRuntime } from "../recommend/model-runtime.js";
import { startBenchServer } from "./bench-server.js";
import { benchContent, type ContentTies } from "./vector-content.js";
import { benchFactors } from "./vector-factors.js";
import { describeCoverage, inspectMovieIndex, type IndexCoverage } from "./vector-index.js";
import { sampleDistinct } from "./vector-math.js";
import { benchBolt, type CaseSettings, type MethodResult } from "./vector-results.js";
import { alsSubject, mfSubject, sampleUsers, syntheticModels } from "./vector-subjects.js";

/** The models the bench trains: the content model's embeddings and the two factor models. */
const KINDS = ["content", "als", "mf"] as const;

export interface VectorBenchOptions {
  dataDir: string;
  /** The tag genome to load with the release; without one the content embeddings come from genres and tags alone. */
  genomeDir?: string;
  /** Movies (content case) and users (factor cases) to query; fewer when the data has fewer. */
  queries: number;
  seed: number;
  /** Items of the synthetic catalogue (the 25M data set has 62,423 movies). */
  scaleItems: number;
  settings: CaseSettings;
  memory: { heap: string; pageCache: string };
  logger: Logger;
  progress: ProgressReporter;
  say: (line: string) => void;
}

export interface VectorBenchReport {
  benchmark: "vectors";
  machine: { cores: number; cpu: string; node: string; loadAverageBefore: number[]; loadAverageAfter: number[] };
  settings: { dataDir: string; genomeDir: string | null; queries: number; seed: number; scaleItems: number } & CaseSettings;
  /** What the project's content index holds: the dimension check. */
  contentIndex: IndexCoverage;
  contentTies: ContentTies;
  factors: { als: number; mf: number };
  results: MethodResult[];
}

/**
 * Answers "vector index or exact scoring?" on real data: loads the release
 * (with the genome) into a throw-away Neo4j, trains content, ALS and MF,
 * loads them as the API does, and measures top-k queries both ways, then
 * exact scoring (and an index) on a synthetic catalogue of `scaleItems`.
 */
export async function runVectorBench(options: VectorBenchOptions): Promise<VectorBenchReport> {
  const loadAverageBefore = loadavg().map(round2);
  const { settings, say } = options;
  const bench = await startBenchServer(options.logger, options.memory);
  try {
    const db = await bench.open();
    try {
      say(`loading ${options.dataDir}${options.genomeDir ? ` with the genome in ${options.genomeDir}` : " without a genome"}`);
      await loadRelease(db, openRelease(options.dataDir, { genomeDir: options.genomeDir }), { progress: options.progress });
      say(`training ${KINDS.join(", ")}`);
      await trainModels(db, { kinds: KINDS, onStage: (stage) => say(`  ${stage}`) });
      const loaded = await new ModelRuntime(db, options.logger).current();
      const content = loaded.models.get("content");
      const als = loaded.models.get("als");
      const mf = loaded.models.get("mf");
      if (!(content instanceof ContentModel) || !(als instanceof ImplicitAls) || !(mf instanceof BiasedMf)) {
        throw new Error(`the runtime did not load content, als and mf (it has ${[...loaded.models.keys()].join(", ")})`);
      }
      const random = new Random(options.seed);
      const results: MethodResult[] = [];

      const slot = loaded.records.get("content")!.slot;
      const contentIndex = await inspectMovieIndex(db, propertyName("content", slot, "embedding"), content.dim);
      say(`content similarity: ${describeCoverage(contentIndex)}`);
      const withContent = Array.from({ length: loaded.items.size }, (_, i) => i).filter((i) => content.itemSimilarity(i, i) > 0);
      const contentCase = await benchContent(db, content, loaded.items, contentIndex, sampleDistinct(withContent, options.queries, random), settings);
      results.push(...contentCase.results);

      for (const subject of [alsSubject("ALS recommendations", als), mfSubject("MF recommendations", mf)]) {
        say(`${subject.label}: exact and MIPS index`);
        results.push(...(await benchFactors(db, sampleUsers(subject, options.queries, random), true, settings)));
      }

      const factors = als.config.factors;
      const synthetic = syntheticModels(options.scaleItems, options.queries, factors, options.seed);
      const scaleLabel = (kind: string) => `${kind}, ${options.scaleItems.toLocaleString("en")} synthetic items`;
      say(`${scaleLabel("ALS")}: exact and MIPS index`);
      results.push(...(await benchFactors(db, alsSubject(scaleLabel("ALS"), synthetic.als, true), true, settings)));
      say(`${scaleLabel("MF")}: exact`);
      results.push(...(await benchFactors(db, mfSubject(scaleLabel("MF"), synthetic.mf, true), false, settings)));

      // Last, once Neo4j is as warm as it was for the index queries (measured first, it came out slower than they did); shown first.
      say("Bolt round trip");
      results.unshift(await benchBolt(db, options.queries, settings.warmup));

      return {
        benchmark: "vectors",
        machine: { cores: availableParallelism(), cpu: cpus()[0]?.model ?? "unknown", node: process.version, loadAverageBefore, loadAverageAfter: loadavg().map(round2) },
        settings: { dataDir: options.dataDir, genomeDir: options.genomeDir ?? null, queries: options.queries, seed: options.seed, scaleItems: options.scaleItems, ...settings },
        contentIndex,
        contentTies: contentCase.ties,
        factors: { als: factors, mf: mf.config.factors },
        results,
      };
    } finally {
      await db.close();
    }
  } finally {
    await bench.dispose();
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
