import { boltUri, type Config } from "./config.js";
import { Database, type ConnectionSettings } from "./db/database.js";
import type { Logger } from "./logger.js";
import { LocalNeo4j } from "./neo4j/local-server.js";

/** The local server this configuration manages, or undefined when NEO4J_URI points elsewhere. */
export function localServer(config: Config, logger: Logger): LocalNeo4j | undefined {
  return config.neo4j.uri ? undefined : new LocalNeo4j(config.local, config.neo4j.password, logger);
}

export interface Connection {
  db: Database;
  /** The local server, when this call had to start it (so the caller may stop it again). */
  startedLocal?: LocalNeo4j;
}

/** Opens the configured database, starting the local server first when the project manages it. */
export async function connect(config: Config, logger: Logger): Promise<Connection> {
  const local = localServer(config, logger);
  const started = local ? !(await local.start()).alreadyRunning : false;
  const db = await Database.open(connectionSettings(config), logger);
  return { db, startedLocal: started ? local : undefined };
}

/** What the driver needs from the configuration: the given server, or the local one. */
export function connectionSettings(config: Config): ConnectionSettings {
  return {
    uri: boltUri(config),
    user: config.neo4j.user,
    password: config.neo4j.password,
    database: config.neo4j.database,
    queryTimeoutMs: config.neo4j.queryTimeoutMs,
  };
}

export async function openDatabase(config: Config, logger: Logger): Promise<Database> {
  return (await connect(config, logger)).db;
}
