import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";

const Q = {
  current: cypher("dataset/current"),
  counts: cypher("dataset/counts"),
  wipeRelationships: cypher("dataset/wipe-relationships"),
  wipeNodes: cypher("dataset/wipe-nodes"),
};

export interface DatasetInfo {
  name: string;
  format: string;
  status: "loading" | "complete";
  startedAt: string | null;
  finishedAt: string | null;
}

export interface GraphCounts {
  users: number;
  movies: number;
  genres: number;
  genomeTags: number;
  ratings: number;
  tags: number;
  movieGenres: number;
  genomeScores: number;
}

export async function currentDataset(db: Database): Promise<DatasetInfo[]> {
  return (await db.read(Q.current)) as unknown as DatasetInfo[];
}

export async function graphCounts(db: Database): Promise<GraphCounts> {
  const [row] = await db.read(Q.counts);
  return row as unknown as GraphCounts;
}

/** Deletes every node and relationship (constraints and indexes stay). */
export async function wipeGraph(db: Database): Promise<void> {
  await db.autoCommit(Q.wipeRelationships, {}, { timeoutMs: 0 });
  await db.autoCommit(Q.wipeNodes, {}, { timeoutMs: 0 });
}
