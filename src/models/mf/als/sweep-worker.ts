/**
 * Entry point of a sweep worker thread (started by `SweepPool`): says it is
 * ready, then runs the tasks it is sent against the fit's shared memory and
 * answers each with a `SweepReply`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { SweepThread, type SweepState, type SweepTask } from "./sweep-tasks.js";

/** What a worker is started with: the fit's shared state and its own thread number (1, 2, …). */
export interface SweepWorkerData {
  state: SweepState;
  thread: number;
}

/** A worker's answer to one task. */
export type SweepReply = { ok: true } | { ok: false; message: string };

const port = parentPort;
if (!port) throw new Error("sweep-worker must run in a worker thread");
const { state, thread } = workerData as SweepWorkerData;
const sweep = new SweepThread(state, thread);
port.on("message", (task: SweepTask) => {
  let reply: SweepReply;
  try {
    sweep.run(task);
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ok: true } satisfies SweepReply);
