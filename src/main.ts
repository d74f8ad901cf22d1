import type { Server } from "node:http";
import type { Config } from "./config.js";
import type { Database } from "./db/database.js";
import { currentDataset } from "./graph/dataset.js";
import { openRelease } from "./ingest/formats/detect.js";
import { loadRelease, type LoadSummary } from "./ingest/loader.js";
import type { ProgressReporter } from "./ingest/progress.js";
import type { Logger } from "./logger.js";
import { DEFAULT_KINDS } from "./models/registry.js";
import { ModelStore } from "./models/store/model-store.js";
import { trainModels, type TrainedModel } from "./models/train/trainer.js";
import { evaluateInBackground, defaultPlan, type BackgroundEvaluation } from "./models/eval/background-evaluation.js";
import { EvaluationStore } from "./models/eval/evaluation-store.js";
import type { ModelKind } from "./models/model.js";
import { connect, connectionSettings } from "./runtime.js";
import { buildServer, type BuiltServer } from "./server.js";

export interface StartOptions {
  /** Load the demo data set when the graph holds none (or finish a load that was interrupted), and train the default models when none is active. */
  loadDemo: boolean;
  progress: ProgressReporter;
  onLoaded?: (summary: LoadSummary) => void;
  onTrained?: (models: TrainedModel[]) => void;
}

export interface RunningService {
  url: string;
  db: Database;
  shutdown(): Promise<void>;
}

/** Starts everything `npm start` promises: Neo4j, demo data, the API. */
export async function startService(config: Config, logger: Logger, options: StartOptions): Promise<RunningService> {
  const { db, startedLocal } = await connect(config, logger);

  let evaluation: BackgroundEvaluation | undefined;
  let built: BuiltServer | undefined;
  let http: Server | undefined;
  // The same teardown after a failed start (the port taken, a bad data set) as at shutdown, so that neither
  // leaves the Neo4j it started running in the background.
  const release = async () => {
    await evaluation?.stop();
    const listening = http;
    if (listening) await new Promise<void>((resolve) => listening.close(() => resolve()));
    await built?.stop();
    await db.close();
    await startedLocal?.stop();
  };
  try {
    if (options.loadDemo) {
      await ensureData(db, config, logger, options);
      await ensureModels(db, logger, options);
      evaluation = await ensureEvaluations(db, config, logger);
    }
    built = await buildServer(db, logger, { apiToken: config.server.apiToken, tmdb: config.tmdb, cacheTtlMs: config.server.cacheTtlMs });
    const { app } = built;
    // Express 5 hands a failed listen (the port taken) to this callback instead of only emitting "error".
    http = await new Promise((resolve, reject) => {
      const server = app.listen(config.server.port, config.server.host, (error?: Error) => (error ? reject(error) : resolve(server)));
    });
  } catch (error) {
    await release();
    throw error;
  }
  const url = `http://${config.server.host === "0.0.0.0" ? "localhost" : config.server.host}:${config.server.port}`;

  let stopping: Promise<void> | undefined;
  const shutdown = () =>
    (stopping ??= (async () => {
      logger.info("shutting down");
      await release();
    })());
  return { url, db, shutdown };
}

async function ensureModels(db: Database, logger: Logger, options: StartOptions): Promise<void> {
  const active = new Set((await new ModelStore(db).active()).map((m) => m.name));
  const missing = DEFAULT_KINDS.filter((kind) => !active.has(kind));
  if (missing.length === 0) return;
  logger.info({ models: missing }, "training the default models (first start)");
  const trained = await trainModels(db, { kinds: missing, onStage: (stage) => logger.info(stage) });
  options.onTrained?.(trained);
}

/**
 * Evaluates the active models that have no stored evaluation, in the
 * background, so the web app's models tab has numbers without anyone running
 * `evaluate --save`; the API serves meanwhile.
 */
async function ensureEvaluations(db: Database, config: Config, logger: Logger): Promise<BackgroundEvaluation | undefined> {
  const active = (await new ModelStore(db).active()).map((m) => m.name);
  const stored = await new EvaluationStore(db).byModels(active);
  const kinds = active.filter((_, i) => stored[i] === null) as ModelKind[];
  if (kinds.length === 0) return undefined;
  logger.info({ models: kinds }, "evaluating the models in the background (about a minute on the demo data)");
  const evaluation = evaluateInBackground(connectionSettings(config), defaultPlan(kinds));
  evaluation.done.then(
    (models) => logger.info({ models }, "evaluation stored"),
    (error: Error) => logger.warn({ err: error }, "background evaluation did not finish"),
  );
  return evaluation;
}

async function ensureData(db: Database, config: Config, logger: Logger, options: StartOptions): Promise<void> {
  const [dataset] = await currentDataset(db);
  if (dataset?.status === "complete") {
    logger.info({ dataset: dataset.name }, "graph already holds a data set");
    return;
  }
  const release = openRelease(config.demoDataDir);
  if (dataset && dataset.name !== release.name) {
    throw new Error(
      `the graph holds an incomplete load of "${dataset.name}"; finish it with \`cinegraph load\` or replace it with \`cinegraph load --replace\``,
    );
  }
  logger.info({ dir: config.demoDataDir }, dataset ? "finishing an interrupted demo load" : "loading the demo data set");
  const summary = await loadRelease(db, release, { progress: options.progress });
  options.onLoaded?.(summary);
}
