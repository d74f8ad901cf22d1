import { Command } from "commander";
import { ExploreError } from "../../explore/explore-error.js";
import { ExploreService, type BoundQuery, type PackQuery } from "../../explore/explore.service.js";
import { columnTypeText } from "../../explore/header.js";
import { renderTable } from "../../explore/table.js";
import { openDatabase } from "../../runtime.js";
import { commandContext } from "../context.js";

interface CypherCommandOptions {
  param: string[];
  list: boolean;
  describe: boolean;
  json: boolean;
  wide: boolean;
}

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The pack as a table: name, question (cut at 100 characters; --describe has it all), and each parameter as `name=default` (`name=<type>` when required). */
function listTable(queries: PackQuery[], wide: boolean): string {
  const rows = queries.map((q) => ({
    name: q.name,
    question: q.question,
    parameters: q.params.map((p) => `${p.name}=${p.default === undefined ? `<${p.type}>` : JSON.stringify(p.default)}`).join(" "),
  }));
  return renderTable(["name", "question", "parameters"], rows, { maxCell: wide ? Infinity : 100 });
}

function describeQuery(query: PackQuery): string {
  const params = query.params.map((p) => `  ${p.name} (${p.type}, ${p.default === undefined ? "required" : `default ${JSON.stringify(p.default)}`}): ${p.description}`);
  const columns = query.columns.map((c) => `  ${c.name} (${columnTypeText(c)}): ${c.description}`);
  return [query.name, "", query.question, "", query.description, "", "parameters:", ...(params.length > 0 ? params : ["  none"]), "", "columns:", ...columns].join("\n");
}

/** BigInt (integers beyond 2^53) has no JSON form of its own. */
function toJson(value: unknown): string {
  return JSON.stringify(value, (_key, v: unknown) => (typeof v === "bigint" ? v.toString() : v), 2);
}

/** What to do before connecting: list or describe (then stop), or a query with checked parameters to run. */
function prepare(name: string | undefined, options: CypherCommandOptions): { pack: ExploreService; bound?: BoundQuery } {
  const pack = ExploreService.load();
  if (options.list || name === undefined) {
    console.log(options.json ? toJson(pack.list()) : listTable(pack.list(), options.wide));
    return { pack };
  }
  if (options.describe) {
    console.log(describeQuery(pack.get(name)));
    return { pack };
  }
  return { pack, bound: pack.bind(name, options.param) };
}

/**
 * `cinegraph cypher <name> [-p key=value …] [--json]`: runs a query of the
 * analysts' pack and prints a table or JSON; `--list` and `--describe` show
 * the pack without connecting. Bad names and parameters fail before the
 * database is opened.
 */
export function cypherCommand(): Command {
  return new Command("cypher")
    .description("run a query of the analysts' Cypher pack (cypher/explore/) and print its result")
    .argument("[name]", "the query; --list shows them all")
    .option("-p, --param <key=value>", "a parameter of the query (repeatable)", collect, [])
    .option("--list", "list the queries of the pack with their questions and parameters", false)
    .option("--describe", "print the query's description, parameters and columns instead of running it", false)
    .option("--json", "print the rows (or the list) as JSON", false)
    .option("--wide", "print long cells in full instead of cutting them (at 60 characters, 100 in --list)", false)
    .action(async (name: string | undefined, options: CypherCommandOptions, command: Command) => {
      const { config, logger } = commandContext(command);
      let prepared: ReturnType<typeof prepare>;
      try {
        prepared = prepare(name, options);
      } catch (error) {
        if (error instanceof ExploreError) command.error(`error: ${error.message}`);
        throw error;
      }
      const { pack, bound } = prepared;
      if (!bound) return;
      const db = await openDatabase(config, logger);
      try {
        const result = await pack.run(db, bound);
        for (const problem of result.shapeProblems) console.error(`warning: ${problem} (see the header of cypher/explore/${bound.query.name}.cypher)`);
        if (options.json) {
          console.log(toJson(result.rows));
        } else {
          const columns = result.rows.length > 0 ? Object.keys(result.rows[0]) : bound.query.columns.map((c) => c.name);
          console.log(renderTable(columns, result.rows, options.wide ? { maxCell: Infinity } : {}));
          console.log(`${result.rows.length} row${result.rows.length === 1 ? "" : "s"} in ${Math.round(result.milliseconds)} ms`);
        }
      } catch (error) {
        // A value the server refuses (a negative limit, say) is the user's to fix, not a crash.
        const code = (error as { code?: unknown }).code;
        if (typeof code !== "string" || !code.startsWith("Neo.ClientError.")) throw error;
        console.error(`error: ${bound.query.name}: ${(error as Error).message}`);
        process.exitCode = 1;
      } finally {
        await db.close();
      }
    });
}
