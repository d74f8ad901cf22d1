import type { Database } from "../db/database.js";
import { cypher } from "../db/queries.js";

const Q = {
  current: cypher("dataset/current"),
  counts: cypher("dataset/counts"),
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
