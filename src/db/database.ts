import neo4j, { type Driver, type ManagedTransaction, type Session } from "neo4j-driver";
import type { Logger } from "../logger.js";
import { cypher, QueryRegistry, type QueryName } from "./queries.js";
import { toPlain } from "./values.js";

const Q = { lastCommit: cypher("admin/last-commit") };

export type Row = Record<string, unknown>;
export type Params = Record<string, unknown>;

export interface ConnectionSettings {
  uri: string;
  user: string;
  password: string;
  database: string;
  queryTimeoutMs: number;
}

/** The server did not answer (down, unreachable, wrong address). */
export class DatabaseUnavailableError extends Error {
  override readonly name = "DatabaseUnavailableError";
}

/** Neo4j stopped a query that ran past its transaction timeout. */
export class QueryTimeoutError extends Error {
  override readonly name = "QueryTimeoutError";
}

/** Statements run inside one transaction opened by `Database.writeTransaction`. */
export interface Transaction {
  run(name: QueryName, params?: Params): Promise<Row[]>;
}

export interface QueryOptions {
  /** Overrides the configured timeout, e.g. for long batch writes. 0 means none. */
  timeoutMs?: number;
}

/**
 * The one place that owns the driver and its sessions. Queries are referred to
 * by the name of their file in cypher/; results come back as plain objects.
 */
export class Database {
  /** Statements sent since the driver opened: lets tests count database round trips. */
  statementsRun = 0;

  private constructor(
    private readonly driver: Driver,
    private readonly settings: ConnectionSettings,
    readonly queries: QueryRegistry,
    private readonly logger: Logger,
  ) {}

  static async open(settings: ConnectionSettings, logger: Logger, queryDirs?: string[]): Promise<Database> {
    const queries = QueryRegistry.load(queryDirs);
    const driver = neo4j.driver(settings.uri, neo4j.auth.basic(settings.user, settings.password), {
      userAgent: "cinegraph",
      maxConnectionPoolSize: 50,
      connectionAcquisitionTimeout: 10_000,
    });
    const db = new Database(driver, settings, queries, logger);
    try {
      await driver.verifyConnectivity({ database: settings.database });
    } catch (error) {
      await driver.close();
      throw db.translate(error);
    }
    return db;
  }

  get uri(): string {
    return this.settings.uri;
  }

  /**
   * One read statement as an auto-commit transaction in a read session (routed
   * to a reader in a cluster). A managed transaction would add a COMMIT round
   * trip and retries; a read that fails is safe for the caller to repeat.
   */
  async read(name: QueryName, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    return this.runAutoCommit("READ", name, params, options);
  }

  async write(name: QueryName, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    return this.withSession("WRITE", (session) =>
      session.executeWrite((tx) => this.runIn(tx, name, params), this.txConfig(options)),
    );
  }

  /** Several statements that commit or roll back together. */
  async writeTransaction<T>(work: (tx: Transaction) => Promise<T>, options: QueryOptions = {}): Promise<T> {
    return this.withSession("WRITE", (session) =>
      session.executeWrite((tx) => work({ run: (name, params = {}) => this.runIn(tx, name, params) }), this.txConfig(options)),
    );
  }

  /**
   * An auto-commit statement: needed for schema changes mixed with nothing else
   * and for `CALL { … } IN TRANSACTIONS`, which cannot run in a managed transaction.
   */
  async autoCommit(name: QueryName | string, params: Params = {}, options: QueryOptions = {}): Promise<Row[]> {
    return this.runAutoCommit("WRITE", name, params, options);
  }

  /**
   * Reads a large result record by record (auto-commit, no retry), handing each
   * row to `onRow` as it arrives, so the caller can pack it into typed arrays
   * without the whole result ever existing as objects.
   */
  async stream(name: QueryName, params: Params, onRow: (row: Row) => void, options: QueryOptions = {}): Promise<number> {
    return this.withSession("READ", async (session) => {
      this.statementsRun += 1;
      this.logger.debug({ query: name, params: summarize(params) }, "cypher stream");
      let count = 0;
      for await (const record of session.run(this.queries.get(name), params, this.txConfig(options))) {
        onRow(toPlain(record.toObject()) as Row);
        count += 1;
      }
      return count;
    });
  }

  /**
   * A token for the last transaction committed to the database: the bookmark
   * a read session ends with. It changes when something is written, by anyone,
   * and stays put otherwise (a write that changes nothing commits nothing), so
   * two equal tokens mean the graph did not change in between. Opaque: compare
   * tokens, never parse them.
   */
  async lastCommit(): Promise<string> {
    return this.withSession("READ", async (session) => {
      this.statementsRun += 1;
      await session.run(this.queries.get(Q.lastCommit));
      return session.lastBookmarks().join(",");
    });
  }

  async ping(): Promise<boolean> {
    try {
      await this.driver.verifyConnectivity({ database: this.settings.database });
      return true;
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    await this.driver.close();
  }

  private async runAutoCommit(mode: "READ" | "WRITE", name: QueryName | string, params: Params, options: QueryOptions): Promise<Row[]> {
    return this.withSession(mode, async (session) => {
      this.statementsRun += 1;
      this.logger.debug({ query: name, params: summarize(params) }, "cypher");
      const result = await session.run(this.queries.get(name), params, this.txConfig(options));
      return result.records.map((r) => toPlain(r.toObject()) as Row);
    });
  }

  private async runIn(tx: ManagedTransaction, name: QueryName, params: Params): Promise<Row[]> {
    this.statementsRun += 1;
    this.logger.debug({ query: name, params: summarize(params) }, "cypher");
    const result = await tx.run(this.queries.get(name), params);
    return result.records.map((r) => toPlain(r.toObject()) as Row);
  }

  private async withSession<T>(mode: "READ" | "WRITE", work: (session: Session) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.settings.database,
      defaultAccessMode: mode === "READ" ? neo4j.session.READ : neo4j.session.WRITE,
    });
    try {
      return await work(session);
    } catch (error) {
      throw this.translate(error);
    } finally {
      await session.close();
    }
  }

  private txConfig(options: QueryOptions): { timeout?: number } {
    const timeout = options.timeoutMs ?? this.settings.queryTimeoutMs;
    return timeout > 0 ? { timeout } : {};
  }

  private translate(error: unknown): unknown {
    const code = (error as { code?: string }).code;
    if (code === neo4j.error.SERVICE_UNAVAILABLE || code === neo4j.error.SESSION_EXPIRED) {
      return new DatabaseUnavailableError(`Neo4j at ${this.settings.uri} is not available: ${(error as Error).message}`);
    }
    if (code?.startsWith("Neo.ClientError.Transaction.TransactionTimedOut")) {
      return new QueryTimeoutError(`The query ran longer than the ${this.settings.queryTimeoutMs} ms allowed and was stopped`);
    }
    return error;
  }
}

/** Batches can hold thousands of rows: log their size, not their content. */
function summarize(params: Params): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    out[key] = Array.isArray(value) ? `[${value.length} items]` : value;
  }
  return out;
}
