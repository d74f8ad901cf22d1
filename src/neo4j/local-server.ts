import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import type { LocalNeo4jConfig } from "../config.js";
import type { Logger } from "../logger.js";
import { NEO4J_POM } from "../paths.js";
import { renderNeo4jConf } from "./neo4j-conf.js";
import { run } from "./process.js";

export class LocalNeo4jError extends Error {
  override readonly name = "LocalNeo4jError";
}

export interface LocalStatus {
  running: boolean;
  pid?: number;
  boltUri: string;
  browserUrl: string;
  dir: string;
}

const SERVER_MAIN = "org.neo4j.server.startup.Neo4jCommand";
const ADMIN_MAIN = "org.neo4j.server.startup.Neo4jAdminCommand";
const MIN_JAVA = 17;

/**
 * A Neo4j 5.26 community server run from the jars Maven Central publishes:
 * Maven copies them once into a shared cache, and each project folder gets its
 * own conf, data, logs and pid file. The server itself is started and stopped
 * by Neo4j's own launcher (what `bin/neo4j` runs), so it is the real product.
 */
export class LocalNeo4j {
  constructor(
    private readonly local: LocalNeo4jConfig,
    private readonly password: string,
    private readonly logger: Logger,
  ) {}

  get boltUri(): string {
    return `bolt://127.0.0.1:${this.local.boltPort}`;
  }

  get browserUrl(): string {
    return `http://127.0.0.1:${this.local.httpPort}/browser/`;
  }

  async status(): Promise<LocalStatus> {
    const pid = this.livePid();
    return { running: pid !== undefined, pid, boltUri: this.boltUri, browserUrl: this.browserUrl, dir: this.local.dir };
  }

  /** Starts the server unless it already runs; resolves once it answers HTTP. */
  async start(): Promise<{ alreadyRunning: boolean }> {
    if (this.livePid() !== undefined) {
      await this.waitUntilReady();
      return { alreadyRunning: true };
    }
    const home = await this.install();
    await assertPortsFree([this.local.boltPort, this.local.httpPort]);
    this.prepareFolders();
    if (!existsSync(join(this.local.dir, "data", "databases", "system"))) {
      await this.java(home, ADMIN_MAIN, ["dbms", "set-initial-password", this.password]);
    }
    this.logger.info({ dir: this.local.dir, bolt: this.boltUri }, "starting local Neo4j");
    await this.java(home, SERVER_MAIN, ["start"]);
    await this.waitUntilReady();
    return { alreadyRunning: false };
  }

  async stop(): Promise<{ wasRunning: boolean }> {
    if (this.livePid() === undefined) return { wasRunning: false };
    const home = await this.install();
    await this.java(home, SERVER_MAIN, ["stop"]);
    return { wasRunning: true };
  }

  /** Runs neo4j-admin against this server's folders (the server must be stopped for imports). */
  async admin(args: string[]): Promise<string> {
    const home = await this.install();
    this.prepareFolders();
    return this.java(home, ADMIN_MAIN, args);
  }

  /** Fetches the pinned distribution through Maven into the cache, once. */
  async install(): Promise<string> {
    const pom = readFileSync(NEO4J_POM, "utf8");
    const version = /<version>([^<]+)<\/version>/.exec(pom)?.[1] ?? "unknown";
    const key = createHash("sha256").update(pom).digest("hex").slice(0, 12);
    const home = join(this.local.cacheDir, `${version}-${key}`);
    if (existsSync(join(home, ".complete"))) return home;

    await this.checkJava();
    const staging = `${home}.partial-${process.pid}`;
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(staging, { recursive: true });
    this.logger.info({ version, cache: home }, "downloading Neo4j from Maven Central (first run only)");
    const result = await run("mvn", [
      "-B",
      "-q",
      "-f",
      NEO4J_POM,
      "dependency:copy-dependencies",
      "-DincludeScope=runtime",
      `-DoutputDirectory=${join(staging, "lib")}`,
    ]).catch((error: Error) => {
      throw new LocalNeo4jError(`Maven is needed to fetch Neo4j (${error.message}); install Maven 3 or set NEO4J_URI`);
    });
    if (result.code !== 0) {
      rmSync(staging, { recursive: true, force: true });
      throw new LocalNeo4jError(`Maven could not fetch Neo4j ${version}:\n${tail(result.stdout + result.stderr)}`);
    }
    writeFileSync(join(staging, ".complete"), `${version}\n`);
    rmSync(home, { recursive: true, force: true });
    renameSync(staging, home);
    return home;
  }

  private prepareFolders(): void {
    for (const sub of ["conf", "data", "logs", "run", "import", "plugins"]) {
      mkdirSync(join(this.local.dir, sub), { recursive: true });
    }
    writeFileSync(join(this.local.dir, "conf", "neo4j.conf"), renderNeo4jConf(this.local));
  }

  private async java(home: string, main: string, args: string[]): Promise<string> {
    const env = { ...process.env, NEO4J_HOME: home, NEO4J_CONF: join(this.local.dir, "conf") };
    const result = await run("java", ["-cp", join(home, "lib", "*"), main, ...args], { env, detached: true });
    if (result.code !== 0) {
      throw new LocalNeo4jError(`neo4j ${args[0]} failed (exit ${result.code}):\n${tail(result.stdout + result.stderr)}`);
    }
    return result.stdout;
  }

  private async checkJava(): Promise<void> {
    const result = await run("java", ["-version"]).catch(() => undefined);
    const major = Number(/version "(\d+)/.exec(result?.stderr ?? "")?.[1]);
    if (!result || result.code !== 0 || !(major >= MIN_JAVA)) {
      throw new LocalNeo4jError(`Java ${MIN_JAVA}+ is needed to run the local Neo4j (found: ${major || "none"}); or set NEO4J_URI`);
    }
  }

  private livePid(): number | undefined {
    const file = join(this.local.dir, "run", "neo4j.pid");
    if (!existsSync(file)) return undefined;
    const pid = Number(readFileSync(file, "utf8").trim());
    if (!Number.isInteger(pid) || pid <= 0) return undefined;
    try {
      process.kill(pid, 0);
      return pid;
    } catch {
      return undefined;
    }
  }

  private async waitUntilReady(): Promise<void> {
    const deadline = Date.now() + this.local.startTimeoutSeconds * 1000;
    const url = `http://127.0.0.1:${this.local.httpPort}/`;
    while (Date.now() < deadline) {
      if (this.livePid() === undefined) {
        throw new LocalNeo4jError(`Neo4j exited while starting. Last lines of its log:\n${this.logTail()}`);
      }
      try {
        const response = await fetch(url, { signal: AbortSignal.timeout(2000) });
        const body = (await response.json()) as { neo4j_version?: string };
        if (response.ok && body.neo4j_version) return;
      } catch {
        // not listening yet
      }
      await new Promise((r) => setTimeout(r, 500));
    }
    throw new LocalNeo4jError(`Neo4j did not answer on ${url} within ${this.local.startTimeoutSeconds}s:\n${this.logTail()}`);
  }

  private logTail(): string {
    const file = join(this.local.dir, "logs", "neo4j.log");
    return existsSync(file) ? tail(readFileSync(file, "utf8")) : "(no log written)";
  }
}

async function assertPortsFree(ports: number[]): Promise<void> {
  for (const port of ports) {
    const free = await new Promise<boolean>((resolve) => {
      const probe = createServer()
        .once("error", () => resolve(false))
        .once("listening", () => probe.close(() => resolve(true)))
        .listen(port, "127.0.0.1");
    });
    if (!free) {
      throw new LocalNeo4jError(
        `port ${port} on 127.0.0.1 is taken by another program; set NEO4J_LOCAL_BOLT_PORT / NEO4J_LOCAL_HTTP_PORT, or NEO4J_URI to use that server`,
      );
    }
  }
}

function tail(text: string, lines = 15): string {
  return text.trim().split("\n").slice(-lines).join("\n");
}
