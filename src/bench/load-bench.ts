import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { generateDataset } from "../datagen/generate.js";
import { PRESETS } from "../datagen/presets.js";
import { bulkLoadRelease } from "../ingest/bulk/bulk-loader.js";
import { openRelease } from "../ingest/formats/detect.js";
import { loadRelease, type LoadSummary } from "../ingest/loader.js";
import type { ProgressReporter } from "../ingest/progress.js";
import type { Logger } from "../logger.js";
import { startBenchServer } from "./bench-server.js";

export type LoadPath = "online" | "bulk";

export interface LoadBenchOptions {
  /** Release folders to load, by label. */
  datasets: Array<{ label: string; dir: string }>;
  paths: LoadPath[];
  progress: ProgressReporter;
  logger: Logger;
  memory: { heap: string; pageCache: string };
}

export interface LoadBenchResult {
  dataset: string;
  path: LoadPath;
  ratings: number;
  /** Whole load: validation, every stage, and for bulk the server stop, import and restart. */
  seconds: number;
  /** Ratings per second over the whole load. */
  ratingsPerSecond: number;
  /** Ratings per second while ratings were being written (online path only). */
  ratingsStagePerSecond: number | null;
  peakRssMb: number;
}

/** Loads each data set through each path into a fresh server and times it. */
export async function runLoadBench(options: LoadBenchOptions): Promise<LoadBenchResult[]> {
  const results: LoadBenchResult[] = [];
  for (const { label, dir } of options.datasets) {
    for (const path of options.paths) {
      const bench = await startBenchServer(options.logger, options.memory);
      try {
        const release = openRelease(dir);
        let summary: LoadSummary;
        if (path === "online") {
          const db = await bench.open();
          try {
            summary = await loadRelease(db, release, { progress: options.progress });
          } finally {
            await db.close();
          }
        } else {
          summary = await bulkLoadRelease(
            { server: bench.server, importDir: join(bench.config.local.dir, "import"), open: bench.open },
            release,
            { progress: options.progress },
          );
        }
        if (summary.counts.ratings !== summary.rows.ratings) {
          throw new Error(`${label} ${path}: ${summary.counts.ratings} RATED relationships for ${summary.rows.ratings} rows`);
        }
        results.push({
          dataset: label,
          path,
          ratings: summary.rows.ratings,
          seconds: round(summary.seconds),
          ratingsPerSecond: Math.round(summary.rows.ratings / summary.seconds),
          ratingsStagePerSecond: path === "online" ? summary.ratingsPerSecond : null,
          peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
        });
      } finally {
        await bench.dispose();
      }
    }
  }
  return results;
}

/** The generated ml-25m-sized set, written once into `cacheDir` and reused (the generator is deterministic). */
export async function generatedLargeSet(cacheDir: string, progress: ProgressReporter): Promise<string> {
  const dir = join(cacheDir, "generated-ml-25m-seed-42");
  const marker = join(dir, ".complete");
  if (existsSync(marker)) return dir;
  const stage = progress.stage("generate ml-25m-sized set", PRESETS["ml-25m"].ratings);
  let last = 0;
  await generateDataset({
    ...PRESETS["ml-25m"],
    seed: 42,
    outDir: dir,
    onProgress: (written) => {
      stage.tick(written - last);
      last = written;
    },
  });
  stage.done();
  writeFileSync(marker, "");
  return dir;
}

function round(x: number): number {
  return Math.round(x * 10) / 10;
}
