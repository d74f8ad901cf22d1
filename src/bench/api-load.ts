import autocannon from "autocannon";
import { replyOutcome, type Outcome, type Recorder } from "./api-summary.js";
import type { RequestKind, Workload } from "./api-workload.js";

export interface FireOptions {
  url: string;
  connections: number;
  seconds: number;
}

interface Pending {
  kind: RequestKind;
  outcome: Outcome;
  detail?: string;
}

/**
 * Keeps `connections` requests in flight for `seconds`, each the workload's
 * next one sent as soon as the last on its connection is answered, and
 * records every response's latency and outcome. Returns the wall-clock
 * seconds the run took.
 */
export async function fire(workload: Workload, options: FireOptions, recorder: Recorder): Promise<number> {
  // autocannon calls onResponse and then emits "response" (which has the latency) synchronously
  // for the same reply, so the kind and outcome wait in `pending` for the latency.
  let pending: Pending | undefined;
  const request: autocannon.Request = {
    method: "POST",
    headers: { "content-type": "application/json" },
    setupRequest: (req, context) => {
      const next = workload.next();
      (context as { kind?: RequestKind }).kind = next.kind;
      return { ...req, body: next.body };
    },
    onResponse: (status, body, context) => {
      pending = { kind: (context as { kind: RequestKind }).kind, ...replyOutcome(status, body) };
    },
  };
  const started = performance.now();
  await new Promise<void>((resolve, reject) => {
    const instance = autocannon(
      { url: options.url, connections: options.connections, duration: options.seconds, requests: [request] },
      (error: unknown) => (error ? reject(error) : resolve()),
    );
    instance.on("response", (_client, _status, _bytes, ms) => {
      if (!pending) return;
      recorder.record(pending.kind, ms, pending.outcome, pending.detail);
      pending = undefined;
    });
    instance.on("reqError", (error: unknown) => {
      recorder.errors.socket += 1;
      recorder.sample(`connection: ${error instanceof Error ? error.message : String(error)}`);
    });
  });
  return (performance.now() - started) / 1000;
}
