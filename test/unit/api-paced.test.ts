import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { firePaced } from "../../src/bench/api-paced.js";
import { Recorder } from "../../src/bench/api-summary.js";
import { Workload } from "../../src/bench/api-workload.js";

/** Answers like the API would: errors for the bodies that ask for them, and notes when each request arrived. */
function fakeApi(arrivals: number[]): Server {
  return createServer((request, response) => {
    let body = "";
    request.on("data", (chunk) => (body += chunk));
    request.on("end", () => {
      arrivals.push(performance.now());
      if (body.includes("fail-http")) {
        response.writeHead(500).end("boom");
      } else if (body.includes("fail-graphql")) {
        response.writeHead(200, { "content-type": "application/json" }).end('{"errors":[{"message":"no"}]}');
      } else {
        response.writeHead(200, { "content-type": "application/json" }).end('{"data":{"ok":true}}');
      }
    });
  });
}

describe("firePaced", () => {
  const arrivals: number[] = [];
  const server = fakeApi(arrivals);
  let url = "";
  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("spreads the requests over each second instead of sending them in a burst, and records each by kind", async () => {
    arrivals.length = 0;
    const workload = new Workload(["recommendations", "similar"], new Map([["recommendations", ['{"q":1}']], ["similar", ['{"q":2}']]]));
    const recorder = new Recorder();
    const started = performance.now();
    await firePaced(workload, { url, rate: 100, seconds: 2 }, recorder);
    const summary = recorder.summarise("mixed", 100, null, 2);
    expect(summary.requests).toBeGreaterThanOrEqual(180);
    expect(summary.requests).toBeLessThanOrEqual(202);
    expect(summary.byKind.map((k) => [k.kind, k.requests > 80])).toEqual([
      ["recommendations", true],
      ["similar", true],
    ]);
    // At 100/s a request is due every 10 ms: the first fifth of a second sees about 20, a burst all of them.
    const early = arrivals.filter((t) => t - started < 200).length;
    expect(early).toBeLessThan(50);
    expect(summary.connections).toBeNull();
  });

  it("counts HTTP and GraphQL errors apart from answers", async () => {
    const bodies = new Map([["explain", ['{"q":"fail-http"}', '{"q":"fail-graphql"}', '{"q":"fine"}']]] as const);
    const recorder = new Recorder();
    await firePaced(new Workload(["explain"], bodies), { url, rate: 30, seconds: 1 }, recorder);
    const { errors, requests } = recorder.summarise("explain", 30, null, 1);
    expect(requests).toBeGreaterThanOrEqual(27);
    expect(errors.http).toBeGreaterThanOrEqual(9);
    expect(errors.graphql).toBeGreaterThanOrEqual(9);
    expect(errors.http + errors.graphql).toBeLessThan(requests);
  });
});
