import { spawn, type ChildProcess } from "node:child_process";
import { closeSync, openSync, readFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { boltUri } from "../config.js";
import { openRelease } from "../ingest/formats/detect.js";
import { loadRelease } from "../ingest/loader.js";
import type { ProgressReporter } from "../ingest/progress.js";
import type { Logger } from "../logger.js";
import { DEFAULT_KINDS } from "../models/registry.js";
import { trainModels } from "../models/train/trainer.js";
import { PACKAGE_ROOT } from "../paths.js";
import { healthUrl } from "./api-client.js";
import { startBenchServer, type BenchServer } from "./bench-server.js";

/** The API under test and where it and its database run. */
export interface ApiTarget {
  /** The GraphQL endpoint. */
  url: string;
  server: string;
  neo4j: string;
  stop(): Promise<void>;
}

export interface ThrowAwayOptions {
  dataDir: string;
  genomeDir?: string;
  memory: { heap: string; pageCache: string };
  /** LOG_LEVEL of the API process. */
  serverLogLevel: string;
  logger: Logger;
  progress: ProgressReporter;
  say: (line: string) => void;
}

const READY_TIMEOUT_MS = 120_000;

/**
 * A throw-away Neo4j with the data set loaded and the default models trained,
 * and the real API (`cinegraph serve`) in a process of its own in front of it.
 *
 * A separate process rather than buildServer() in this one: sharing the event
 * loop, the API waits for the load generator's callbacks and the generator's
 * clock runs while the API computes, so latencies measure both. Measured
 * twice on the 2-core machine against the same Neo4j, the in-process
 * server's recommendations p99 was 1.8× and 2.3× the spawned one's at about
 * the same rate (explain differed by less than the noise); and the spawned
 * one is what users run. It runs the sources through tsx: dist/ may lag
 * behind the checkout, and tsx compiles each module once at start-up, so
 * requests run the same JavaScript a build would, apart from source-mapped
 * stack traces (the Neo4j driver records one per query, ~2% of the API's CPU).
 */
export async function throwAwayTarget(options: ThrowAwayOptions): Promise<ApiTarget> {
  const bench = await startBenchServer(options.logger, options.memory);
  let child: ChildProcess | undefined;
  try {
    const db = await bench.open();
    try {
      options.say(`loading ${options.dataDir}${options.genomeDir ? ` with the genome in ${options.genomeDir}` : ""}`);
      await loadRelease(db, openRelease(options.dataDir, { genomeDir: options.genomeDir }), { progress: options.progress });
      options.say(`training ${DEFAULT_KINDS.join(", ")}`);
      await trainModels(db, { kinds: DEFAULT_KINDS, onStage: (stage) => options.say(`  ${stage}`) });
    } finally {
      await db.close();
    }
    const port = await freePort();
    const logFile = join(bench.config.local.dir, "api-server.log");
    child = spawnServe(bench, port, options.serverLogLevel, logFile);
    const url = `http://127.0.0.1:${port}/graphql`;
    options.say(`starting the API (pid ${child.pid}) at ${url}`);
    await waitUntilReady(url, child, logFile);
    const running = child;
    return {
      url,
      server: `cinegraph serve, pid ${running.pid}, same machine, LOG_LEVEL=${options.serverLogLevel}`,
      neo4j: `same machine: throw-away Neo4j at ${boltUri(bench.config)} (heap ${options.memory.heap}, page cache ${options.memory.pageCache})`,
      async stop() {
        await stopChild(running);
        await bench.dispose();
      },
    };
  } catch (error) {
    if (child) await stopChild(child);
    await bench.dispose();
    throw error;
  }
}

/** An API someone else started (e.g. `npm start`); the bench neither starts nor stops it. */
export async function externalTarget(url: string): Promise<ApiTarget> {
  const health = healthUrl(url);
  let response: Response;
  try {
    response = await fetch(health);
  } catch (error) {
    throw new Error(`nothing answers at ${health}: ${(error as Error).message}`);
  }
  if (response.status !== 200) throw new Error(`${health} says the API is not ready (${response.status}): ${await response.text()}`);
  const local = ["127.0.0.1", "localhost", "[::1]"].includes(new URL(url).hostname);
  return {
    url,
    server: `already running at ${url}, ${local ? "same machine" : "another machine"}`,
    neo4j: "unknown: whatever the running API is configured with",
    stop: async () => undefined,
  };
}

function spawnServe(bench: BenchServer, port: number, logLevel: string, logFile: string): ChildProcess {
  const tsx = pathToFileURL(join(PACKAGE_ROOT, "node_modules/tsx/dist/loader.mjs")).href;
  const { neo4j } = bench.config;
  const args = [
    "--import", tsx, join(PACKAGE_ROOT, "src/cli/index.ts"),
    "--neo4j-uri", boltUri(bench.config),
    "--neo4j-user", neo4j.user,
    "--neo4j-password", neo4j.password,
    "--neo4j-database", neo4j.database,
    "--log-level", logLevel,
    "serve", "--host", "127.0.0.1", "--port", String(port),
  ];
  // The log goes to a file, not a pipe: reading the server's per-request lines would cost the load generator CPU.
  const log = openSync(logFile, "w");
  try {
    return spawn(process.execPath, args, { cwd: PACKAGE_ROOT, stdio: ["ignore", log, log] });
  } finally {
    closeSync(log);
  }
}

async function waitUntilReady(url: string, child: ChildProcess, logFile: string): Promise<void> {
  const deadline = Date.now() + READY_TIMEOUT_MS;
  const failed = (why: string) => new Error(`the API did not start (${why}); its log ends:\n${tail(logFile)}`);
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw failed(`exited with ${child.exitCode}`);
    const status = await fetch(healthUrl(url)).then((r) => r.status, () => 0);
    if (status === 200) return;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw failed(`not ready after ${READY_TIMEOUT_MS / 1000} s`);
}

async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once("exit", () => resolve()));
  child.kill("SIGTERM");
  const timer = setTimeout(() => child.kill("SIGKILL"), 10_000);
  await exited;
  clearTimeout(timer);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

function tail(file: string, lines = 20): string {
  try {
    return readFileSync(file, "utf8").trimEnd().split("\n").slice(-lines).join("\n");
  } catch {
    return "(no log)";
  }
}
