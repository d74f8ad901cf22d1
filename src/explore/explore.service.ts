import type { Database, Row } from "../db/database.js";
import { QueryRegistry, type QueryName } from "../db/queries.js";
import { ExploreError } from "./explore-error.js";
import { parseHeader, type ParamValue, type QueryHeader } from "./header.js";
import { bindParams } from "./params.js";
import { shapeProblems } from "./shape.js";

/** The folder of cypher/ that holds the pack. */
export const PACK_FOLDER = "explore";

/** One query of the pack: its name (the file name without folder and extension) and its header. */
export interface PackQuery extends QueryHeader {
  name: string;
}

/** A query with its parameter values, ready to run. */
export interface BoundQuery {
  query: PackQuery;
  params: Record<string, ParamValue>;
}

/** What running a bound query gave, and how long it took. */
export interface QueryResult extends BoundQuery {
  rows: Row[];
  milliseconds: number;
  /** Where the rows differ from the columns the header declares (see shapeProblems); empty when they match. */
  shapeProblems: string[];
}

/**
 * The analysts' Cypher pack: every `cypher/explore/*.cypher` file, described
 * by its header comment (see parseHeader). Lists the queries, turns `key=value`
 * arguments into typed parameters, and runs a query in a read transaction.
 */
export class ExploreService {
  private constructor(private readonly queries: ReadonlyMap<string, PackQuery>) {}

  /** Reads and checks every header of the pack; a malformed one fails here, naming its file. */
  static load(registry: QueryRegistry = QueryRegistry.load()): ExploreService {
    const queries = new Map<string, PackQuery>();
    for (const path of registry.under(PACK_FOLDER)) {
      const name = path.slice(PACK_FOLDER.length + 1);
      queries.set(name, { name, ...parseHeader(registry.get(path), `cypher/${path}.cypher`) });
    }
    return new ExploreService(queries);
  }

  /** Every query of the pack, by name. */
  list(): PackQuery[] {
    return [...this.queries.values()];
  }

  /** One query by name; an unknown name fails with the list of known ones. */
  get(name: string): PackQuery {
    const query = this.queries.get(name);
    if (!query) throw new ExploreError(`no query named "${name}"; available: ${[...this.queries.keys()].join(", ")}`);
    return query;
  }

  /** A query with `key=value` arguments checked and converted, defaults applied (see bindParams). */
  bind(name: string, args: readonly string[] = []): BoundQuery {
    const query = this.get(name);
    return { query, params: bindParams(query.params, args, name) };
  }

  /** Runs a bound query in a read transaction, so a query of the pack can never change the graph. */
  async run(db: Database, bound: BoundQuery): Promise<QueryResult> {
    const started = performance.now();
    // Pack names come from the folder listing, not from cypher() declarations: they exist by construction.
    const rows = await db.read(`${PACK_FOLDER}/${bound.query.name}` as QueryName, bound.params);
    return { ...bound, rows, milliseconds: performance.now() - started, shapeProblems: shapeProblems(bound.query.columns, rows) };
  }
}
