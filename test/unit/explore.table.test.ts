import { describe, expect, it } from "vitest";
import type { ColumnSpec } from "../../src/explore/header.js";
import { shapeProblems } from "../../src/explore/shape.js";
import { formatCell, renderTable } from "../../src/explore/table.js";

describe("renderTable", () => {
  it("aligns text left and numbers right under a rule", () => {
    const table = renderTable(
      ["movieId", "title", "score", "year"],
      [
        { movieId: 1, title: "Toy Story", score: 0.123456, year: 1995 },
        { movieId: 3106, title: "Amélie", score: 12.5, year: null },
      ],
    );
    expect(table.split("\n")).toEqual([
      "movieId  title       score  year",
      "-------  ---------  ------  ----",
      "      1  Toy Story  0.1235  1995",
      "   3106  Amélie       12.5",
    ]);
  });

  it("prints the header alone when there are no rows", () => {
    expect(renderTable(["a", "bb"], [])).toBe("a  bb\n-  --");
  });
});

describe("formatCell", () => {
  it.each([
    [null, ""],
    [42, "42"],
    [0.30115294456481934, "0.3012"],
    [4.322222222222225, "4.322"],
    [1234.567, "1235"],
    [0.000123456, "0.0001235"],
    [true, "true"],
    [12345678901234567890n, "12345678901234567890"],
    [["Usual Suspects, The", "Heat"], "Usual Suspects, The; Heat"],
    [[4, 4.5], "4; 4.5"],
    [{ a: 1 }, '{"a":1}'],
    ["two\nlines", "two lines"],
  ])("shows %s as %j", (value, text) => {
    expect(formatCell(value)).toBe(text);
  });

  it("cuts long cells with an ellipsis, counting characters rather than UTF-16 units", () => {
    expect(formatCell("x".repeat(61))).toBe(`${"x".repeat(59)}…`);
    expect(formatCell("é".repeat(60))).toBe("é".repeat(60));
    expect(formatCell("abcdef", 4)).toBe("abc…");
    expect(formatCell("x".repeat(200), Infinity)).toHaveLength(200);
  });
});

describe("shapeProblems", () => {
  const columns: ColumnSpec[] = [
    { name: "id", type: "int", list: false, nullable: false, description: "" },
    { name: "year", type: "int", list: false, nullable: true, description: "" },
    { name: "score", type: "float", list: false, nullable: false, description: "" },
    { name: "titles", type: "string", list: true, nullable: false, description: "" },
    { name: "liked", type: "boolean", list: false, nullable: false, description: "" },
  ];

  it("accepts rows that match, integers counting as floats", () => {
    expect(shapeProblems(columns, [{ id: 1, year: null, score: 4, titles: [], liked: false }])).toEqual([]);
    expect(shapeProblems(columns, [{ id: 2n ** 60n, year: 1995, score: 0.5, titles: ["a"], liked: true }])).toEqual([]);
  });

  it("names missing, undeclared and mistyped columns once each", () => {
    const rows = [
      { id: 1.5, score: null, titles: ["a", 1], liked: "yes", extra: 1 },
      { id: 2.5, score: null, titles: "a", liked: true, extra: 2 },
    ];
    expect(shapeProblems(columns, rows)).toEqual([
      "column extra is returned but not declared",
      "column id should be int, row 1 has 1.5",
      "column year is declared but not returned",
      "column score should be float, row 1 has null",
      'column titles should be string[], row 1 has ["a",1]',
      'column liked should be boolean, row 1 has "yes"',
    ]);
  });
});
