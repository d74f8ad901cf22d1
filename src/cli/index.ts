#!/usr/bin/env node
import "reflect-metadata";
import { Command } from "commander";
import { ConfigError } from "../config.js";
import { LoadError } from "../ingest/load-error.js";
import { LoadRefusedError } from "../ingest/loader.js";
import { LocalNeo4jError } from "../neo4j/local-server.js";
import { DatabaseUnavailableError } from "../db/database.js";
import { addGlobalOptions } from "./context.js";
import { loadCommand } from "./commands/load.command.js";
import { neo4jCommand } from "./commands/neo4j.command.js";
import { serveCommand, startCommand } from "./commands/serve.command.js";
import { trainCommand } from "./commands/train.command.js";
import { evaluateCommand } from "./commands/evaluate.command.js";
import { cypherCommand } from "./commands/cypher.command.js";

const program = addGlobalOptions(
  new Command("cinegraph").description("movie recommendations as a GraphQL API over a Neo4j graph of MovieLens data"),
)
  .showHelpAfterError()
  .addCommand(startCommand())
  .addCommand(neo4jCommand())
  .addCommand(loadCommand())
  .addCommand(trainCommand())
  .addCommand(evaluateCommand())
  .addCommand(cypherCommand())
  .addCommand(serveCommand());

/** Errors users can act on are printed as one clear message; anything else keeps its stack. */
const EXPECTED = [ConfigError, LoadError, LoadRefusedError, LocalNeo4jError, DatabaseUnavailableError];

try {
  await program.parseAsync(process.argv);
} catch (error) {
  if (EXPECTED.some((type) => error instanceof type)) {
    console.error(`error: ${(error as Error).message}`);
  } else {
    console.error(error);
  }
  process.exitCode = 1;
}
