import { describe, expect, it } from "vitest";
import { describePath, toGraphElements, type GraphEdgeElement, type GraphNodeElement, type GraphPath } from "../../web/src/explain/explanation-graph.js";

const you = { id: "u1", labels: ["User"], properties: { id: 1 } };
const forrest = { id: "m356", labels: ["Movie"], properties: { id: 356, title: "Forrest Gump", year: 1994 } };
const matrix = { id: "m2571", labels: ["Movie"], properties: { id: 2571, title: "Matrix, The", year: 1999 } };
const someone = { id: "u68", labels: ["User"], properties: { id: 68 } };
const drama = { id: "gDrama", labels: ["Genre"], properties: { name: "Drama" } };
const target = { id: "m318", labels: ["Movie"], properties: { id: 318, title: "Shawshank Redemption, The", year: 1994 } };

const rated = (id: string, start: string, end: string, rating: number) => ({ id, type: "RATED", start, end, properties: { rating } });

const coRated: GraphPath = {
  kind: "CO_RATED",
  viaRating: 4,
  support: 168,
  shared: [],
  nodes: [you, forrest, someone, target],
  relationships: [rated("r1", "u1", "m356", 4), rated("r2", "u68", "m356", 5), rated("r3", "u68", "m318", 5)],
};
const similarMovie: GraphPath = {
  kind: "SIMILAR_MOVIE",
  viaRating: 5,
  support: 40,
  shared: [],
  nodes: [you, matrix, target],
  relationships: [rated("r4", "u1", "m2571", 5), { id: "s1", type: "SIMILAR", start: "m2571", end: "m318", properties: { score: 0.4 } }],
};
const genres: GraphPath = {
  kind: "SHARED_GENRES",
  viaRating: 4,
  support: 2,
  shared: ["Crime", "Drama"],
  nodes: [you, forrest, drama, target],
  relationships: [
    rated("r1", "u1", "m356", 4),
    { id: "g1", type: "IN_GENRE", start: "m356", end: "gDrama", properties: {} },
    { id: "g2", type: "IN_GENRE", start: "m318", end: "gDrama", properties: {} },
  ],
};
const similarUser: GraphPath = {
  kind: "SIMILAR_USER",
  viaRating: null,
  support: 31,
  shared: [],
  nodes: [you, someone, target],
  relationships: [{ id: "su1", type: "SIMILAR_USER", start: "u1", end: "u68", properties: { score: 0.3 } }, rated("r3", "u68", "m318", 5)],
};

const nodesOf = (elements: ReturnType<typeof toGraphElements>) => elements.filter((e): e is GraphNodeElement => e.group === "nodes");
const edgesOf = (elements: ReturnType<typeof toGraphElements>) => elements.filter((e): e is GraphEdgeElement => e.group === "edges");

describe("explanation graph", () => {
  it("draws each graph node and relationship once, however many paths share it", () => {
    const elements = toGraphElements([coRated, similarMovie, genres, similarUser]);
    expect(nodesOf(elements).map((n) => n.data.id).sort()).toEqual(["gDrama", "m2571", "m318", "m356", "u1", "u68"]);
    expect(edgesOf(elements).map((e) => e.data.id).sort()).toEqual(["g1", "g2", "r1", "r2", "r3", "r4", "s1", "su1"]);
    for (const edge of edgesOf(elements)) {
      expect(nodesOf(elements).some((n) => n.data.id === edge.data.source), edge.data.id).toBe(true);
      expect(nodesOf(elements).some((n) => n.data.id === edge.data.target), edge.data.id).toBe(true);
    }
  });

  it("lays the nodes out from you, through what you rated and who or what links it, to the movie", () => {
    const nodes = nodesOf(toGraphElements([coRated, similarMovie, genres, similarUser]));
    const at = (id: string) => nodes.find((n) => n.data.id === id)!;
    expect(at("u1").data).toMatchObject({ role: "you", label: "You" });
    expect(at("m318").data).toMatchObject({ role: "target", label: "Shawshank Redemption, The" });
    expect(at("m356").data.role).toBe("rated");
    expect(at("u68").data).toMatchObject({ role: "bridge", label: "User 68" });
    expect(at("gDrama").data).toMatchObject({ role: "bridge", label: "Drama", kind: "Genre" });
    const x = (id: string) => at(id).position.x;
    expect(x("u1")).toBeLessThan(x("m356"));
    expect(x("m356")).toBe(x("m2571"));
    expect(x("m356")).toBeLessThan(x("u68"));
    expect(x("u68")).toBeLessThan(x("m318"));
    // Nodes in one column get their own rows.
    expect(at("u68").position.y).not.toBe(at("gDrama").position.y);
  });

  it("labels ratings with their stars and keeps each relationship's type for its line style", () => {
    const edges = edgesOf(toGraphElements([coRated, similarMovie]));
    expect(edges.find((e) => e.data.id === "r1")!.data).toMatchObject({ label: "4★", type: "RATED" });
    expect(edges.find((e) => e.data.id === "s1")!.data).toMatchObject({ label: "", type: "SIMILAR" });
  });

  it("puts people, tags and genres level with the movies they connect to", () => {
    const stranger = { id: "u99", labels: ["User"], properties: { id: 99 } };
    const viaStranger = { ...similarUser, nodes: [you, stranger, target], relationships: [{ ...similarUser.relationships[0], id: "su2", end: "u99" }] };
    const ordered = nodesOf(toGraphElements([viaStranger, coRated]));
    const yOf = (id: string) => ordered.find((n) => n.data.id === id)!.position.y;
    // User 99 comes first but links to no movie you rated; user 68 links to Forrest Gump, the first row.
    expect(yOf("u68")).toBeLessThan(yOf("u99"));
  });

  it("starts a visitor's paths, which begin at the movie they rated, at a you of its own with their rating", () => {
    const visitorCoRated: GraphPath = { ...coRated, nodes: [forrest, someone, target], relationships: coRated.relationships.slice(1) };
    const visitorGenres: GraphPath = { ...genres, nodes: [forrest, drama, target], relationships: genres.relationships.slice(1) };
    const elements = toGraphElements([visitorCoRated, visitorGenres]);
    const nodes = nodesOf(elements);
    const at = (id: string) => nodes.find((n) => n.data.id === id)!;
    expect(at("visitor").data).toMatchObject({ role: "you", label: "You", kind: "Visitor" });
    expect(at("m356").data.role).toBe("rated");
    expect(at("visitor").position.x).toBeLessThan(at("m356").position.x);
    expect(edgesOf(elements).filter((e) => e.data.source === "visitor").map((e) => e.data)).toEqual([
      { id: "visitor-m356", source: "visitor", target: "m356", label: "4★", type: "RATED_NOT_STORED" },
    ]);
    expect(describePath(visitorCoRated)).toBe("You rated Forrest Gump 4★; 168 people who liked it also liked Shawshank Redemption, The.");
  });

  it("has nothing to draw without paths", () => {
    expect(toGraphElements([])).toEqual([]);
  });

  it("tells each path as a sentence", () => {
    expect(describePath(coRated)).toBe("You rated Forrest Gump 4★; 168 people who liked it also liked Shawshank Redemption, The.");
    expect(describePath(similarMovie)).toBe("You rated Matrix, The 5★; Shawshank Redemption, The is rated much like it by the 40 people who rated both.");
    expect(describePath(genres)).toBe("You rated Forrest Gump 4★; it shares Crime, Drama with Shawshank Redemption, The.");
    expect(describePath(similarUser)).toBe("User 68, whose ratings resemble yours (31 movies in common), liked Shawshank Redemption, The.");
  });
});
