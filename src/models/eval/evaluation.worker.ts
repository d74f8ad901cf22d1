/**
 * Evaluates models and stores the results, on a worker thread so the API's
 * event loop keeps answering while the models fit (see background-evaluation.ts).
 */
import { parentPort, workerData } from "node:worker_threads";
import { Database, type ConnectionSettings } from "../../db/database.js";
import { createLogger } from "../../logger.js";
import { loadContentFeatures, loadTrainingData } from "../store/training-data.js";
import { EvaluationStore } from "./evaluation-store.js";
import { runEvaluation, type EvaluationPlan } from "./run-evaluation.js";

export interface EvaluationJob {
  settings: ConnectionSettings;
  plan: EvaluationPlan;
}

export type EvaluationReply = { ok: true; models: string[] } | { ok: false; message: string };

async function run({ settings, plan }: EvaluationJob): Promise<string[]> {
  const db = await Database.open(settings, createLogger("warn"));
  try {
    const data = await loadTrainingData(db);
    const content = plan.kinds.some((k) => k === "content" || k === "hybrid") ? await loadContentFeatures(db, data.items) : undefined;
    const run = await runEvaluation(data, content, plan);
    await new EvaluationStore(db).save(run, plan.split, data.fingerprint);
    return run.result.models.map((m) => m.name);
  } finally {
    await db.close();
  }
}

run(workerData as EvaluationJob).then(
  (models) => parentPort!.postMessage({ ok: true, models } satisfies EvaluationReply),
  (error: unknown) => parentPort!.postMessage({ ok: false, message: error instanceof Error ? error.message : String(error) } satisfies EvaluationReply),
);
