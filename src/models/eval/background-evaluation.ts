import { Worker } from "node:worker_threads";
import { workerEntry } from "../../common/worker-entry.js";
import type { ConnectionSettings } from "../../db/database.js";
import type { ModelKind } from "../model.js";
import type { EvaluationJob, EvaluationReply } from "./evaluation.worker.js";
import type { EvaluationPlan } from "./run-evaluation.js";

/** What `npm start` measures for the web app's models tab: the CLI's default random split. */
export function defaultPlan(kinds: readonly ModelKind[]): EvaluationPlan {
  return { kinds, split: "random", k: 10, relevance: { minRating: 4 }, folds: 5, perUser: 5, splitSeed: 42, seed: 42 };
}

export interface BackgroundEvaluation {
  /** The names of the models evaluated and stored. */
  done: Promise<string[]>;
  /** Abandons the evaluation (nothing is stored). */
  stop(): Promise<void>;
}

/**
 * Runs an evaluation on a worker thread with its own connection: fitting the
 * models takes about a minute of CPU on the demo data, which on the main
 * thread would stall every request meanwhile.
 */
export function evaluateInBackground(settings: ConnectionSettings, plan: EvaluationPlan): BackgroundEvaluation {
  const entry = workerEntry(import.meta.url, "evaluation.worker");
  const job: EvaluationJob = { settings, plan };
  const worker = new Worker(entry.script, { eval: entry.eval, workerData: job });
  let stopped = false;
  const done = new Promise<string[]>((resolve, reject) => {
    worker.once("message", (reply: EvaluationReply) => (reply.ok ? resolve(reply.models) : reject(new Error(reply.message))));
    worker.once("error", reject);
    worker.once("exit", (code) => reject(new Error(stopped ? "evaluation stopped" : `the evaluation worker exited with code ${code}`)));
  });
  return {
    done,
    stop: async () => {
      stopped = true;
      await worker.terminate();
    },
  };
}
