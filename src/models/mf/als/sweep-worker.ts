/**
 * Entry point of a sweep worker thread (started by `SweepPool`): says it is
 * ready, then runs the tasks it is sent against the fit's shared arrays and
 * answers each with a `SweepReply`.
 */
import { parentPort, workerData } from "node:worker_threads";
import { CgWork } from "./kernels.js";
import { runTask, type SweepState, type SweepTask } from "./sweep-tasks.js";

/** A worker's answer to one task. */
export type SweepReply = { ok: true } | { ok: false; message: string };

const port = parentPort;
if (!port) throw new Error("sweep-worker must run in a worker thread");
const state = workerData as SweepState;
const work = new CgWork(state.k);
port.on("message", (task: SweepTask) => {
  let reply: SweepReply;
  try {
    runTask(state, task, work);
    reply = { ok: true };
  } catch (error) {
    reply = { ok: false, message: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  }
  port.postMessage(reply);
});
port.postMessage({ ok: true } satisfies SweepReply);
