import { Command } from "commander";
import { LocalNeo4jError } from "../../neo4j/local-server.js";
import { localServer } from "../../runtime.js";
import { commandContext } from "../context.js";

function requireLocal(command: Command) {
  const { config, logger } = commandContext(command);
  const server = localServer(config, logger);
  if (!server) {
    throw new LocalNeo4jError(`NEO4J_URI is set (${config.neo4j.uri}): that server is managed elsewhere, not by this command.`);
  }
  return server;
}

export function neo4jCommand(): Command {
  const neo4j = new Command("neo4j").description("manage the local Neo4j server (used when NEO4J_URI is not set)");
  neo4j
    .command("start")
    .description("download (first time), configure and start the local server; a no-op when it runs")
    .action(async (_options, command: Command) => {
      const server = requireLocal(command);
      const { alreadyRunning } = await server.start();
      const status = await server.status();
      console.log(`${alreadyRunning ? "Neo4j is already running" : "Neo4j started"} (pid ${status.pid})`);
      console.log(`bolt:    ${status.boltUri}`);
      console.log(`browser: ${status.browserUrl}`);
    });
  neo4j
    .command("stop")
    .description("stop the local server")
    .action(async (_options, command: Command) => {
      const { wasRunning } = await requireLocal(command).stop();
      console.log(wasRunning ? "Neo4j stopped" : "Neo4j was not running");
    });
  neo4j
    .command("status")
    .description("say whether the local server runs, and where")
    .action(async (_options, command: Command) => {
      const status = await requireLocal(command).status();
      console.log(status.running ? `Neo4j is running (pid ${status.pid})` : "Neo4j is not running");
      console.log(`bolt:    ${status.boltUri}`);
      console.log(`browser: ${status.browserUrl}`);
      console.log(`data:    ${status.dir}`);
      if (!status.running) process.exitCode = 3;
    });
  return neo4j;
}
