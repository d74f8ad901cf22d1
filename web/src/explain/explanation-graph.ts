// Turns explanation paths into cytoscape elements and sentences. Pure: no DOM,
// no React, no cytoscape import, so unit tests can run it under Node.

export type PathKind = "CO_RATED" | "SIMILAR_MOVIE" | "SHARED_TAGS" | "SIMILAR_USER" | "SHARED_GENRES";

export interface GraphPathNode {
  id: string;
  labels: string[];
  properties: Record<string, unknown>;
}

export interface GraphPathRelationship {
  id: string;
  type: string;
  start: string;
  end: string;
  properties: Record<string, unknown>;
}

export interface GraphPath {
  kind: PathKind;
  viaRating: number | null;
  support: number;
  shared: string[];
  nodes: GraphPathNode[];
  relationships: GraphPathRelationship[];
}

/** Where a node stands between you and the recommended movie; also its column in the drawing. */
export type NodeRole = "you" | "rated" | "bridge" | "target";

const COLUMN: Record<NodeRole, number> = { you: 0, rated: 1, bridge: 2, target: 3 };
/** A node met in several paths takes its strongest role: you and the target stay at the ends. */
const PRIORITY: Record<NodeRole, number> = { bridge: 0, rated: 1, target: 2, you: 3 };
const COLUMN_WIDTH = 190;
const ROW_HEIGHT = 64;
const MAX_LABEL = 26;

export interface GraphNodeElement {
  group: "nodes";
  data: { id: string; label: string; role: NodeRole; kind: string };
  position: { x: number; y: number };
}

export interface GraphEdgeElement {
  group: "edges";
  data: { id: string; source: string; target: string; label: string; type: string };
}

export type GraphElement = GraphNodeElement | GraphEdgeElement;

function shorten(text: string): string {
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

function nodeKind(node: GraphPathNode): string {
  return node.labels[0] ?? "Node";
}

function nodeName(node: GraphPathNode): string {
  const p = node.properties;
  if (node.labels.includes("Movie")) return String(p.title ?? `Movie ${String(p.id)}`);
  if (node.labels.includes("User")) return `User ${String(p.id)}`;
  return String(p.name ?? nodeKind(node));
}

/** Ratings carry their stars; other relationships are told apart by line style, which keeps labels off the nodes. */
function edgeLabel(rel: GraphPathRelationship): string {
  if (rel.type !== "RATED") return "";
  return typeof rel.properties.rating === "number" ? `${rel.properties.rating}★` : "rated";
}

function roleOf(node: GraphPathNode, index: number, path: GraphPath): NodeRole {
  if (index === 0 && node.labels.includes("User")) return "you";
  if (index === path.nodes.length - 1) return "target";
  // The movie you rated sits next to you; users, tags and genres bridge to the target.
  return node.labels.includes("Movie") ? "rated" : "bridge";
}

/**
 * A visitor who is not a user has no node in the graph, so their paths start
 * at the movie they rated. The drawing still starts at "you": a node and a
 * rating edge of its own, marked as not stored.
 */
const VISITOR_ID = "visitor";

function startsAtUser(path: GraphPath): boolean {
  return path.nodes[0]?.labels.includes("User") ?? false;
}

/**
 * One node per graph node (paths share you, the target and often a rated
 * movie), laid out in columns: you → movies you rated → people, tags or
 * genres → the recommended movie.
 */
export function toGraphElements(paths: readonly GraphPath[]): GraphElement[] {
  const nodes = new Map<string, { node: GraphPathNode; role: NodeRole }>();
  const edges = new Map<string, GraphEdgeElement>();
  for (const path of paths) {
    path.nodes.forEach((node, index) => {
      const role = roleOf(node, index, path);
      const known = nodes.get(node.id);
      if (!known || PRIORITY[role] > PRIORITY[known.role]) nodes.set(node.id, { node, role });
    });
    const rated = path.nodes[0];
    if (!startsAtUser(path) && rated) {
      nodes.set(VISITOR_ID, { node: { id: VISITOR_ID, labels: ["Visitor"], properties: {} }, role: "you" });
      const id = `${VISITOR_ID}-${rated.id}`;
      const label = path.viaRating === null ? "rated" : `${path.viaRating}★`;
      edges.set(id, { group: "edges", data: { id, source: VISITOR_ID, target: rated.id, label, type: "RATED_NOT_STORED" } });
    }
    for (const rel of path.relationships) {
      if (!edges.has(rel.id)) {
        edges.set(rel.id, { group: "edges", data: { id: rel.id, source: rel.start, target: rel.end, label: edgeLabel(rel), type: rel.type } });
      }
    }
  }
  const columns = new Map<number, string[]>();
  for (const [id, { role }] of nodes) {
    const column = COLUMN[role];
    columns.set(column, [...(columns.get(column) ?? []), id]);
  }
  // People, tags and genres sit level with the movies they connect to, which keeps lines from crossing.
  const rated = columns.get(COLUMN.rated) ?? [];
  const rowNear = (id: string) => {
    const rows = [...edges.values()]
      .flatMap(({ data }) => (data.source === id ? [data.target] : data.target === id ? [data.source] : []))
      .map((neighbour) => rated.indexOf(neighbour))
      .filter((row) => row >= 0);
    return rows.length > 0 ? rows.reduce((a, b) => a + b, 0) / rows.length : rated.length;
  };
  columns.get(COLUMN.bridge)?.sort((a, b) => rowNear(a) - rowNear(b));
  const positioned: GraphNodeElement[] = [];
  for (const [column, ids] of columns) {
    ids.forEach((id, row) => {
      const { node, role } = nodes.get(id)!;
      positioned.push({
        group: "nodes",
        data: { id, label: role === "you" ? "You" : shorten(nodeName(node)), role, kind: nodeKind(node) },
        position: { x: column * COLUMN_WIDTH, y: (row - (ids.length - 1) / 2) * ROW_HEIGHT },
      });
    });
  }
  const present = (id: string) => nodes.has(id);
  return [...positioned, ...[...edges.values()].filter((e) => present(e.data.source) && present(e.data.target))];
}

function nameAt(path: GraphPath, index: number): string {
  const node = path.nodes.at(index);
  return node ? nodeName(node) : "a movie";
}

function ratedPart(path: GraphPath): string {
  const rating = path.viaRating === null ? "" : ` ${path.viaRating}★`;
  return `You rated ${nameAt(path, startsAtUser(path) ? 1 : 0)}${rating}`;
}

/** One sentence per path, for the text list that screen readers (and everyone) can read. */
export function describePath(path: GraphPath): string {
  const target = nameAt(path, -1);
  switch (path.kind) {
    case "CO_RATED":
      return `${ratedPart(path)}; ${path.support} ${path.support === 1 ? "person" : "people"} who liked it also liked ${target}.`;
    case "SIMILAR_MOVIE":
      return `${ratedPart(path)}; ${target} is rated much like it by the ${path.support} ${path.support === 1 ? "person" : "people"} who rated both.`;
    case "SHARED_TAGS":
      return `${ratedPart(path)}; like ${target}, it is ${path.shared.join(", ")}.`;
    case "SIMILAR_USER":
      return `${nameAt(path, 1)}, whose ratings resemble yours (${path.support} movies in common), liked ${target}.`;
    case "SHARED_GENRES":
      return `${ratedPart(path)}; it shares ${path.shared.join(", ")} with ${target}.`;
  }
}

export const KIND_LABELS: Record<PathKind, string> = {
  CO_RATED: "Liked by the same people",
  SIMILAR_MOVIE: "Rated alike",
  SHARED_TAGS: "Shared tags",
  SIMILAR_USER: "People like you",
  SHARED_GENRES: "Shared genres",
};
