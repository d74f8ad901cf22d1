import type { ClientRequest, RequestOptions } from "node:http";
import { loadTest } from "loadtest";
import { replyOutcome, type Recorder } from "./api-summary.js";
import type { RequestKind, Workload } from "./api-workload.js";

export interface PacedOptions {
  url: string;
  /** Requests per second, sent one every 1000/rate ms. */
  rate: number;
  seconds: number;
}

type RequestFunction = (options: RequestOptions, callback: (response: unknown) => void) => ClientRequest;

/** loadtest hands back what was set on the request as `labels`: here, the kind of request. */
type LabelledRequest = ClientRequest & { labels?: RequestKind };

interface LoadtestResult {
  statusCode?: number;
  body?: string;
  labels?: RequestKind;
  requestElapsed?: number;
}

/**
 * Sends the workload's requests at a fixed pace for `seconds`, whether or not
 * earlier ones have been answered (loadtest's requestsPerSecond: an open loop,
 * with a connection of its own for each request in flight), and records every
 * response's latency from the moment it was due. autocannon cannot hold a
 * rate this way: its rate is a quota per second that each connection spends
 * as fast as it is answered, so it sends a burst at the start of every second
 * and measures the queue that burst makes. Returns the wall-clock seconds.
 */
export async function firePaced(workload: Workload, options: PacedOptions, recorder: Recorder): Promise<number> {
  const settings = {
    url: options.url,
    method: "POST" as const,
    requestsPerSecond: options.rate,
    maxSeconds: options.seconds,
    agentKeepAlive: true,
    quiet: true,
    requestGenerator: (_settings: unknown, params: RequestOptions, request: RequestFunction, callback: (response: unknown) => void) => {
      const next = workload.next();
      params.headers = { ...params.headers, "content-type": "application/json", "content-length": Buffer.byteLength(next.body) };
      const sent: LabelledRequest = request(params, callback);
      sent.labels = next.kind;
      sent.write(next.body);
      return sent;
    },
    statusCallback: (error: unknown, result: LoadtestResult | undefined) => {
      if (!result?.labels || result.requestElapsed === undefined) {
        recorder.errors.socket += 1;
        recorder.sample(`connection: ${String(error)}`);
        return;
      }
      const { outcome, detail } = replyOutcome(result.statusCode ?? 0, result.body ?? "");
      recorder.record(result.labels, result.requestElapsed, outcome, detail);
    },
  };
  const started = performance.now();
  await new Promise<void>((resolve, reject) => loadTest(settings, (error: unknown) => (error ? reject(error) : resolve())));
  return (performance.now() - started) / 1000;
}
