import { encodeCursor } from "./ids.js";

export interface Page<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
  totalCount: number;
}

/** A Relay-style page of nodes that start at `offset` in the full list, with offset cursors. */
export function toConnection<T>(nodes: T[], offset: number, hasNextPage: boolean, totalCount: number): Page<T> {
  const edges = nodes.map((node, i) => ({ cursor: encodeCursor(offset + i), node }));
  return { edges, totalCount, pageInfo: { hasNextPage, endCursor: edges.at(-1)?.cursor ?? null } };
}
