import { Command } from "commander";
import { terminalProgress } from "../../ingest/progress.js";
import { startService } from "../../main.js";
import { commandContext } from "../context.js";
import { positiveInt } from "./options.js";
import { printSummary } from "./load.command.js";

interface ServeOptions {
  port?: number;
  host?: string;
}

function serveAction(loadDemo: boolean) {
  return async (options: ServeOptions, command: Command) => {
    const { config, logger } = commandContext(command, { PORT: options.port, HOST: options.host });
    const service = await startService(config, logger, {
      loadDemo,
      progress: terminalProgress(),
      onLoaded: printSummary,
      onTrained: (trained) => console.table(trained.map((t) => ({ model: t.record.name, version: t.record.version, "fit s": Number(t.fitSeconds.toFixed(2)) }))),
    });
    console.log(`Web app:      ${service.url}/`);
    console.log(`GraphQL API:  ${service.url}/graphql`);
    console.log(`Health:       ${service.url}/health/ready`);
    if (!config.neo4j.uri) console.log(`Neo4j Browser: http://127.0.0.1:${config.local.httpPort}/browser/ (bolt://127.0.0.1:${config.local.boltPort})`);
    for (const signal of ["SIGINT", "SIGTERM"] as const) {
      process.on(signal, () => {
        service.shutdown().then(
          () => process.exit(0),
          (error: unknown) => {
            logger.error({ err: error }, "shutdown failed");
            process.exit(1);
          },
        );
      });
    }
  };
}

function withServerOptions(command: Command): Command {
  return command
    .option("-p, --port <port>", "HTTP port (PORT, default 4000)", positiveInt)
    .option("--host <host>", "address to listen on (HOST, default 127.0.0.1)");
}

export function serveCommand(): Command {
  return withServerOptions(new Command("serve").description("serve the GraphQL API over the data already in the graph")).action(
    serveAction(false),
  );
}

export function startCommand(): Command {
  return withServerOptions(
    new Command("start").description("start Neo4j if needed, load the demo data if the graph is empty, then serve the API"),
  ).action(serveAction(true));
}
