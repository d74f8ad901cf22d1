/**
 * Runs the tasks of an implicit ALS fit on the main thread and `threads − 1`
 * worker threads over shared memory (private to `implicit-als.ts`).
 */
import { availableParallelism } from "node:os";
import { Worker } from "node:worker_threads";
import { workerEntry } from "../../../common/worker-entry.js";
import { SweepThread, type SweepState, type SweepTask } from "./sweep-tasks.js";
import type { SweepReply, SweepWorkerData } from "./sweep-worker.js";

/**
 * Below this many ratings × factors a fit stays on one thread: starting a
 * worker takes about 25 ms (45 ms when it loads TypeScript through tsx), as
 * long as one iteration over 2M ratings × factors.
 */
export const MIN_PARALLEL_WORK = 1 << 21;

/** The default of `threads`: both cores of a small machine, and no more, since a sweep is bound by memory as much as by arithmetic. */
export function defaultThreads(): number {
  return Math.min(2, availableParallelism());
}

/** How many threads a fit of `nnz` ratings with k factors runs on, given the configured `threads`. */
export function sweepThreads(threads: number, nnz: number, k: number): number {
  return nnz * k >= MIN_PARALLEL_WORK ? threads : 1;
}

/**
 * The main thread plus `threads − 1` workers, all taking chunks of each task
 * from one shared counter. Create it with `start`, and `close` it when the fit
 * ends (also when it fails), or the workers keep the process alive.
 */
export class SweepPool {
  private readonly main: SweepThread;
  private failure: Error | undefined;

  private constructor(
    private readonly state: SweepState,
    private readonly workers: Worker[],
  ) {
    this.main = new SweepThread(state, 0);
  }

  /**
   * Starts the workers and waits until each has loaded and said so, so that
   * start-up is not timed as part of the first iteration.
   */
  static async start(state: SweepState, threads: number): Promise<SweepPool> {
    const entry = workerEntry(import.meta.url, "sweep-worker");
    const pool = new SweepPool(state, []);
    try {
      for (let t = 1; t < threads; t++) {
        const worker = new Worker(entry.script, { eval: entry.eval, workerData: { state, thread: t } satisfies SweepWorkerData });
        // An error between tasks fails the next task.
        worker.on("error", (error) => (pool.failure ??= error));
        worker.on("exit", (code) => (pool.failure ??= new Error(`an ALS sweep worker exited with code ${code}`)));
        pool.workers.push(worker);
      }
      await Promise.all(pool.workers.map((worker) => reply(worker)));
    } catch (error) {
      await pool.close();
      throw error;
    }
    return pool;
  }

  /** Runs `task` to completion on every thread. */
  async run(task: SweepTask): Promise<void> {
    if (this.failure) throw this.failure;
    Atomics.store(this.state.next, 0, 0);
    const replies = this.workers.map((worker) => reply(worker));
    for (const worker of this.workers) worker.postMessage(task);
    try {
      this.main.run(task);
    } finally {
      await Promise.all(replies);
    }
  }

  /** Stops the workers. */
  async close(): Promise<void> {
    const workers = this.workers.splice(0);
    for (const worker of workers) worker.removeAllListeners("exit");
    await Promise.all(workers.map((worker) => worker.terminate()));
  }
}

/** The worker's answer to the task just posted; rejects if it fails or dies first. */
function reply(worker: Worker): Promise<void> {
  return new Promise((resolve, reject) => {
    const done = (error?: Error) => {
      worker.off("message", onMessage);
      worker.off("error", done);
      worker.off("exit", onExit);
      if (error) reject(error);
      else resolve();
    };
    const onMessage = (message: SweepReply) => done(message.ok ? undefined : new Error(`an ALS sweep worker failed: ${message.message}`));
    const onExit = (code: number) => done(new Error(`an ALS sweep worker exited with code ${code}`));
    worker.on("message", onMessage);
    worker.on("error", done);
    worker.on("exit", onExit);
  });
}
