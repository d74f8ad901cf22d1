import type { Command } from "commander";
import { loadConfig, type Config, type ConfigOverrides } from "../config.js";
import { createLogger, type Logger } from "../logger.js";

/** Global flags shared by every command; each maps onto one configuration key. */
export function addGlobalOptions(program: Command): Command {
  return program
    .option("--neo4j-uri <uri>", "use this Neo4j instead of the local server (NEO4J_URI)")
    .option("--neo4j-user <user>", "Neo4j user (NEO4J_USER)")
    .option("--neo4j-password <password>", "Neo4j password (NEO4J_PASSWORD)")
    .option("--neo4j-database <name>", "Neo4j database (NEO4J_DATABASE)")
    .option("--log-level <level>", "fatal, error, warn, info, debug, trace or silent (LOG_LEVEL)");
}

export interface CommandContext {
  config: Config;
  logger: Logger;
}

/** Reads configuration once per command, with the global flags on top of the environment. */
export function commandContext(command: Command, extra: ConfigOverrides = {}): CommandContext {
  const flags = command.optsWithGlobals<{
    neo4jUri?: string;
    neo4jUser?: string;
    neo4jPassword?: string;
    neo4jDatabase?: string;
    logLevel?: string;
  }>();
  const config = loadConfig({
    overrides: {
      NEO4J_URI: flags.neo4jUri,
      NEO4J_USER: flags.neo4jUser,
      NEO4J_PASSWORD: flags.neo4jPassword,
      NEO4J_DATABASE: flags.neo4jDatabase,
      LOG_LEVEL: flags.logLevel,
      ...extra,
    },
  });
  return { config, logger: createLogger(config.logLevel) };
}
