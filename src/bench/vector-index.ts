import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";
import type { Matrix32 } from "../models/model.js";

const Q = {
  ping: cypher("bench/ping"),
  vectorIndexes: cypher("bench/vector-indexes"),
  movieVectorSizes: cypher("bench/movie-vector-sizes"),
  indexReach: cypher("bench/index-reach"),
  contentNeighbours: cypher("bench/content-neighbours"),
  itemsClear: cypher("bench/items-clear"),
  itemsWrite: cypher("bench/items-write"),
  itemsCreateIndex: cypher("bench/items-create-index"),
  itemsAwaitIndex: cypher("bench/items-await-index"),
  itemsDropIndex: cypher("bench/items-drop-index"),
  itemsQuery: cypher("bench/items-query"),
};

/** What a vector index on a Movie property is configured for, and how many of the nodes it can and does hold. */
export interface IndexCoverage {
  property: string;
  /** Undefined when no vector index covers the property. */
  index?: string;
  state?: string;
  /** Undefined when the index does not fix one (Neo4j 5.23+ allows that): it then takes lists of any length. */
  configuredDimensions?: number;
  similarity?: string;
  quantization?: boolean;
  /** Dimension of the content model's embeddings. */
  embeddingDimensions: number;
  /** Length of the lists on the nodes → number of nodes with that length. */
  listLengths: Record<string, number>;
  /** Nodes with a non-zero list of the index's dimension: what the index can hold. */
  indexable: number;
  /** Nodes a query for all of them returned: what the index does hold (0 when there is nothing to query with). */
  returned: number;
}

/** One Bolt round trip with an empty statement: the floor under every index query's latency. */
export async function ping(db: Database): Promise<void> {
  await db.read(Q.ping);
}

/** Finds the vector index on Movie[property] and checks its dimension against the vectors actually stored. */
export async function inspectMovieIndex(db: Database, property: string, embeddingDimensions: number): Promise<IndexCoverage> {
  const indexes = await db.read(Q.vectorIndexes);
  const row = indexes.find((r) => sameList(r.labelsOrTypes, ["Movie"]) && sameList(r.properties, [property]));
  const listLengths: Record<string, number> = {};
  const nonZeroByLength = new Map<number, number>();
  for (const r of await db.read(Q.movieVectorSizes, { property }, { timeoutMs: 0 })) {
    listLengths[String(r.size)] = r.nodes as number;
    nonZeroByLength.set(r.size as number, r.nonZero as number);
  }
  const coverage: IndexCoverage = { property, embeddingDimensions, listLengths, indexable: 0, returned: 0 };
  if (!row) return coverage;
  const config = row.config as Record<string, unknown>;
  const configured = config["vector.dimensions"] as number | undefined;
  const dimensions = configured ?? embeddingDimensions;
  coverage.index = row.name as string;
  coverage.state = row.state as string;
  coverage.configuredDimensions = configured;
  coverage.similarity = String(config["vector.similarity_function"]).toLowerCase();
  coverage.quantization = config["vector.quantization.enabled"] as boolean | undefined;
  coverage.indexable = nonZeroByLength.get(dimensions) ?? 0;
  if (coverage.indexable > 0) {
    const [reach] = await db.read(Q.indexReach, { index: coverage.index, property, dimensions, k: coverage.indexable }, { timeoutMs: 0 });
    coverage.returned = (reach?.returned as number | undefined) ?? 0;
  }
  return coverage;
}

/** The ids of the `first` movies nearest to `movieId` that the index finds among `k` candidates (the movie itself left out). */
export async function indexNeighbours(db: Database, index: string, property: string, movieId: number, k: number, first: number): Promise<number[]> {
  const rows = await db.read(Q.contentNeighbours, { index, property, movieId, k: k + 1, first });
  return rows.map((r) => r.id as number);
}

/**
 * A temporary vector index over (:BenchItem {item, vector}) nodes, one per
 * item (a factor model's MIPS-transformed vector, or a content embedding).
 * Nodes of its own rather than a property on Movie, so a synthetic catalogue
 * larger than the graph's fits the same queries and the movies stay untouched.
 */
export class BenchItemIndex {
  constructor(
    private readonly db: Database,
    private readonly batchSize = 2000,
  ) {}

  /** Replaces the bench items by the rows of `vectors` (item = row number) and drops any index on them. */
  async write(vectors: Matrix32): Promise<void> {
    await this.drop();
    await this.db.autoCommit(Q.itemsClear, {}, { timeoutMs: 0 });
    const { rows, dim, data } = vectors;
    for (let start = 0; start < rows; start += this.batchSize) {
      const batch = [];
      for (let item = start; item < Math.min(rows, start + this.batchSize); item++) {
        batch.push({ item, vector: Array.from(data.subarray(item * dim, (item + 1) * dim)) });
      }
      await this.db.write(Q.itemsWrite, { rows: batch }, { timeoutMs: 0 });
    }
  }

  /** Builds the index over the written items and waits until it is online. Returns the seconds it took. */
  async build(dimensions: number, quantization: boolean): Promise<number> {
    const started = performance.now();
    await this.db.autoCommit(Q.itemsCreateIndex, { dimensions, quantization });
    await this.db.autoCommit(Q.itemsAwaitIndex, { seconds: 3600 }, { timeoutMs: 0 });
    return (performance.now() - started) / 1000;
  }

  /** The `first` best items of `k` candidates for a query vector (transformed like the items). */
  async query(vector: Float32Array, k: number, first: number): Promise<number[]> {
    const rows = await this.db.read(Q.itemsQuery, { vector: Array.from(vector), k, first });
    return rows.map((r) => r.item as number);
  }

  async drop(): Promise<void> {
    await this.db.autoCommit(Q.itemsDropIndex);
  }

  /** Removes the index and the items. */
  async clear(): Promise<void> {
    await this.drop();
    await this.db.autoCommit(Q.itemsClear, {}, { timeoutMs: 0 });
  }
}

/** One line on whether the index can hold the embeddings. */
export function describeCoverage(c: IndexCoverage): string {
  if (!c.index) return `no vector index covers Movie.${c.property}`;
  const lengths = Object.entries(c.listLengths).map(([length, nodes]) => `${nodes} of length ${length}`).join(", ") || "none";
  return (
    `index ${c.index} (${c.state}, ${c.configuredDimensions ?? "any number of"} dimensions, ${c.similarity}, quantisation ${c.quantization ? "on" : "off"}) ` +
    `on Movie.${c.property}; the model's embeddings have ${c.embeddingDimensions}; lists on the nodes: ${lengths}; ` +
    `${c.indexable} indexable, ${c.returned} returned by a query for all of them`
  );
}

function sameList(value: unknown, expected: string[]): boolean {
  return Array.isArray(value) && value.length === expected.length && value.every((v, i) => v === expected[i]);
}
