import { describe, expect, it } from "vitest";
import neo4j from "neo4j-driver";
import { toPlain } from "../../src/db/values.js";

const { Node, Relationship, Path, PathSegment } = neo4j.types;

const toyStory = new Node(neo4j.int(1), ["Movie"], { id: neo4j.int(1), title: "Toy Story", year: neo4j.int(1995) }, "4:db:1");
const user = new Node(neo4j.int(2), ["User"], { id: neo4j.int(7) }, "4:db:2");
const pixar = new Node(neo4j.int(3), ["GenomeTag"], { id: neo4j.int(786), name: "pixar animation" }, "4:db:3");
const rated = new Relationship(
  neo4j.int(10),
  neo4j.int(2),
  neo4j.int(1),
  "RATED",
  { rating: 4.5, timestamp: neo4j.int(964982703) },
  "5:db:10",
  "4:db:2",
  "4:db:1",
);
const hasTag = new Relationship(neo4j.int(11), neo4j.int(1), neo4j.int(3), "HAS_TAG", { relevance: 0.9955 }, "5:db:11", "4:db:1", "4:db:3");

const PLAIN_TOY_STORY = { elementId: "4:db:1", labels: ["Movie"], properties: { id: 1, title: "Toy Story", year: 1995 } };
const PLAIN_USER = { elementId: "4:db:2", labels: ["User"], properties: { id: 7 } };
const PLAIN_PIXAR = { elementId: "4:db:3", labels: ["GenomeTag"], properties: { id: 786, name: "pixar animation" } };
const PLAIN_RATED = {
  elementId: "5:db:10",
  type: "RATED",
  startElementId: "4:db:2",
  endElementId: "4:db:1",
  properties: { rating: 4.5, timestamp: 964982703 },
};
const PLAIN_HAS_TAG = {
  elementId: "5:db:11",
  type: "HAS_TAG",
  startElementId: "4:db:1",
  endElementId: "4:db:3",
  properties: { relevance: 0.9955 },
};

describe("toPlain: scalars", () => {
  it("turns null and undefined into null", () => {
    expect(toPlain(null)).toBeNull();
    expect(toPlain(undefined)).toBeNull();
  });

  it("passes numbers, strings, booleans and bigints through", () => {
    expect(toPlain(4.5)).toBe(4.5);
    expect(toPlain("Toy Story")).toBe("Toy Story");
    expect(toPlain(false)).toBe(false);
    expect(toPlain(12345678901234567890n)).toBe(12345678901234567890n);
  });

  it("turns driver integers in the safe range into numbers", () => {
    expect(toPlain(neo4j.int(0))).toBe(0);
    expect(toPlain(neo4j.int(42))).toBe(42);
    expect(toPlain(neo4j.int(-17))).toBe(-17);
    expect(toPlain(neo4j.int(964982703))).toBe(964982703);
    expect(toPlain(neo4j.int("9007199254740991"))).toBe(9007199254740991);
    expect(toPlain(neo4j.int("-9007199254740991"))).toBe(-9007199254740991);
  });

  it("turns driver integers beyond 2^53 into exact bigints", () => {
    expect(toPlain(neo4j.int("9007199254740992"))).toBe(9007199254740992n);
    expect(toPlain(neo4j.int("9007199254740993"))).toBe(9007199254740993n);
    expect(toPlain(neo4j.int("-9007199254740993"))).toBe(-9007199254740993n);
    expect(toPlain(neo4j.int("9223372036854775807"))).toBe(9223372036854775807n);
    expect(toPlain(neo4j.int("-9223372036854775808"))).toBe(-9223372036854775808n);
  });
});

describe("toPlain: collections", () => {
  it("converts lists and maps deeply", () => {
    expect(
      toPlain({
        count: neo4j.int(3),
        ids: [neo4j.int(1), neo4j.int(2), neo4j.int("9007199254740993")],
        nested: { list: [{ n: neo4j.int(5) }, [neo4j.int(6), null]], missing: undefined },
        title: "Heat",
      }),
    ).toEqual({
      count: 3,
      ids: [1, 2, 9007199254740993n],
      nested: { list: [{ n: 5 }, [6, null]], missing: null },
      title: "Heat",
    });
  });

  it("returns new objects and leaves the input alone", () => {
    const input = { a: [neo4j.int(1)] };
    const out = toPlain(input) as { a: unknown[] };
    expect(out).toEqual({ a: [1] });
    expect(out).not.toBe(input);
    expect(neo4j.isInt(input.a[0])).toBe(true);
  });

  it("turns byte arrays into number lists", () => {
    expect(toPlain(new Uint8Array([0, 1, 255]))).toEqual([0, 1, 255]);
    expect(toPlain(new Int8Array([-1, 2]))).toEqual([-1, 2]);
  });

  it("keeps empty lists and maps", () => {
    expect(toPlain([])).toEqual([]);
    expect(toPlain({})).toEqual({});
  });
});

describe("toPlain: graph values", () => {
  it("turns a node into its element id, labels and plain properties", () => {
    expect(toPlain(toyStory)).toEqual(PLAIN_TOY_STORY);
  });

  it("turns a relationship into its element ids, type and plain properties", () => {
    expect(toPlain(rated)).toEqual(PLAIN_RATED);
  });

  it("turns a path into its nodes in order and its relationships", () => {
    const path = new Path(user, pixar, [new PathSegment(user, rated, toyStory), new PathSegment(toyStory, hasTag, pixar)]);
    expect(toPlain(path)).toEqual({
      nodes: [PLAIN_USER, PLAIN_TOY_STORY, PLAIN_PIXAR],
      relationships: [PLAIN_RATED, PLAIN_HAS_TAG],
    });
  });

  it("turns a zero-length path into its one node", () => {
    expect(toPlain(new Path(toyStory, toyStory, []))).toEqual({ nodes: [PLAIN_TOY_STORY], relationships: [] });
  });

  it("converts graph values inside lists and maps", () => {
    expect(toPlain({ movie: toyStory, ratings: [rated] })).toEqual({ movie: PLAIN_TOY_STORY, ratings: [PLAIN_RATED] });
  });

  it("converts temporal values nested in properties", () => {
    const node = new Node(neo4j.int(4), ["Dataset"], { loadedOn: new neo4j.types.Date(2018, 9, 26) }, "4:db:4");
    expect(toPlain(node)).toEqual({ elementId: "4:db:4", labels: ["Dataset"], properties: { loadedOn: "2018-09-26" } });
  });
});

describe("toPlain: temporal values", () => {
  it("turns a Date into an ISO date", () => {
    expect(toPlain(new neo4j.types.Date(2024, 2, 29))).toBe("2024-02-29");
    expect(toPlain(new neo4j.types.Date(neo4j.int(1995), neo4j.int(11), neo4j.int(22)))).toBe("1995-11-22");
  });

  it("turns a DateTime with an offset or a zone into ISO text", () => {
    expect(toPlain(new neo4j.types.DateTime(2024, 1, 15, 10, 30, 0, 0, 3600))).toBe("2024-01-15T10:30:00+01:00");
    expect(toPlain(new neo4j.types.DateTime(2018, 9, 24, 14, 7, 30, 0, 0))).toBe("2018-09-24T14:07:30Z");
    expect(toPlain(new neo4j.types.DateTime(2024, 1, 15, 10, 30, 0, 0, undefined, "Europe/Paris"))).toBe(
      "2024-01-15T10:30:00[Europe/Paris]",
    );
  });

  it("turns local and zoned times, local date-times and durations into ISO text", () => {
    expect(toPlain(new neo4j.types.LocalDateTime(2024, 1, 15, 10, 30, 5, 123000000))).toBe("2024-01-15T10:30:05.123000000");
    expect(toPlain(new neo4j.types.LocalTime(9, 5, 0, 0))).toBe("09:05:00");
    expect(toPlain(new neo4j.types.Time(9, 5, 0, 0, -18000))).toBe("09:05:00-05:00");
    expect(toPlain(new neo4j.types.Duration(1, 2, 3, 4))).toBe("P1M2DT3.000000004S");
  });
});
