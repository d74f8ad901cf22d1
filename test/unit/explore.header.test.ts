import { describe, expect, it } from "vitest";
import { ExploreError } from "../../src/explore/explore-error.js";
import { columnTypeText, parseHeader, parseParamValue } from "../../src/explore/header.js";

const QUERY = `// Which movies do people rate most,
// by genre?
// Counts ratings per movie.
//
// Second paragraph.
//
// @param genre string = "Film-Noir"  only this genre
// @param empty string = ""  may be empty
// @param limit int = 10  movies to return
// @param minRating float = 0.5  lowest rating that counts
// @param userId int  required: no default
// @column movieId int  the movie
// @column year int?  its year
// @column titles string[]  some titles
// @column scores float[]?  maybe scores
// @column liked boolean  whether it is liked
MATCH (m:Movie)
// @param notHeader int = 1  comments after the query text are not part of the header
RETURN m.id AS movieId`;

/** The error parseHeader throws for a header with the given lines before a query. */
function headerError(...lines: string[]): string {
  try {
    parseHeader([...lines, "RETURN 1 AS x"].join("\n"), "cypher/explore/x.cypher");
  } catch (error) {
    expect(error).toBeInstanceOf(ExploreError);
    return (error as Error).message;
  }
  throw new Error("expected the header to be rejected");
}

const COLUMN = "// @column x int  a column";

describe("parseHeader", () => {
  it("reads the question, the description, parameters with defaults and columns", () => {
    const header = parseHeader(QUERY, "q");
    expect(header.question).toBe("Which movies do people rate most, by genre?");
    expect(header.description).toBe("Counts ratings per movie.\n\nSecond paragraph.");
    expect(header.params).toEqual([
      { name: "genre", type: "string", default: "Film-Noir", description: "only this genre" },
      { name: "empty", type: "string", default: "", description: "may be empty" },
      { name: "limit", type: "int", default: 10, description: "movies to return" },
      { name: "minRating", type: "float", default: 0.5, description: "lowest rating that counts" },
      { name: "userId", type: "int", description: "required: no default" },
    ]);
    expect(header.columns).toEqual([
      { name: "movieId", type: "int", list: false, nullable: false, description: "the movie" },
      { name: "year", type: "int", list: false, nullable: true, description: "its year" },
      { name: "titles", type: "string", list: true, nullable: false, description: "some titles" },
      { name: "scores", type: "float", list: true, nullable: true, description: "maybe scores" },
      { name: "liked", type: "boolean", list: false, nullable: false, description: "whether it is liked" },
    ]);
    expect(header.columns.map(columnTypeText)).toEqual(["int", "int?", "string[]", "float[]?", "boolean"]);
  });

  it("accepts Windows line endings and a question-only description", () => {
    const header = parseHeader("// Who?\r\n// @column x int  a column\r\nRETURN 1 AS x", "q");
    expect(header).toEqual({ question: "Who?", description: "", params: [], columns: [{ name: "x", type: "int", list: false, nullable: false, description: "a column" }] });
  });

  it("needs a question first", () => {
    expect(headerError("// Counts ratings.", COLUMN)).toBe('cypher/explore/x.cypher: the header must start with the question the query answers, ending in "?"');
    expect(headerError(COLUMN, "// Who?")).toContain("must start with the question");
    expect(headerError("// Counts", "//", "// Who?", COLUMN)).toContain("must start with the question");
    expect(headerError("MATCH (n) // Who?")).toContain("must start with the question");
  });

  it("rejects unknown tags and types", () => {
    expect(headerError("// Who?", "// @returns x int  a column")).toBe('cypher/explore/x.cypher: unknown header tag in "@returns x int  a column" (known: @param, @column)');
    expect(headerError("// Who?", "// @param x integer = 1  a limit", COLUMN)).toBe(
      'cypher/explore/x.cypher: parameter x has unknown type "integer" (known: int, float, string)',
    );
    expect(headerError("// Who?", "// @column x date  a day")).toBe('cypher/explore/x.cypher: column x has unknown type "date" (known: int, float, string, boolean)');
  });

  it("rejects defaults that are not of the declared type", () => {
    expect(headerError("// Who?", "// @param limit int = ten  rows", COLUMN)).toBe("cypher/explore/x.cypher: parameter limit: default ten is not a valid int");
    expect(headerError("// Who?", "// @param limit int = 1.5  rows", COLUMN)).toContain("default 1.5 is not a valid int");
    expect(headerError("// Who?", "// @param r float = high  rating", COLUMN)).toContain("default high is not a valid float");
    expect(headerError("// Who?", "// @param g string = Drama  genre", COLUMN)).toBe(
      "cypher/explore/x.cypher: parameter g: a string default must be a double-quoted literal, got Drama",
    );
    expect(headerError("// Who?", '// @param g string = "Dra\\ma"  genre', COLUMN)).toContain("a string default must be a double-quoted literal");
  });

  it("rejects lines it cannot read, missing descriptions, duplicates and a header without columns", () => {
    expect(headerError("// Who?", "// @param", COLUMN)).toContain('cannot read "@param"');
    expect(headerError("// Who?", "// @column x-y int  a column")).toContain('cannot read "@column x-y int  a column"');
    expect(headerError("// Who?", "// @param limit int = 10", COLUMN)).toBe("cypher/explore/x.cypher: parameter limit needs a description");
    expect(headerError("// Who?", "// @column x int")).toBe("cypher/explore/x.cypher: column x needs a description");
    expect(headerError("// Who?", "// @param a int = 1  one", "// @param a int = 2  two", COLUMN)).toBe("cypher/explore/x.cypher: parameter a is declared twice");
    expect(headerError("// Who?", COLUMN, COLUMN)).toBe("cypher/explore/x.cypher: column x is declared twice");
    expect(headerError("// Who?", "// @param a int = 1  one")).toBe("cypher/explore/x.cypher: the header declares no @column");
  });
});

describe("parseParamValue", () => {
  it.each([
    ["int", "42", 42],
    ["int", "-7", -7],
    ["int", "+3", 3],
    ["int", "9007199254740991", 9007199254740991],
    ["float", "4", 4],
    ["float", "0.5", 0.5],
    ["float", ".5", 0.5],
    ["float", "-2.5e-3", -0.0025],
    ["string", "", ""],
    ["string", " Film-Noir ", " Film-Noir "],
  ] as const)("reads %s %j", (type, text, value) => {
    expect(parseParamValue(type, text)).toBe(value);
  });

  it.each([
    ["int", ""],
    ["int", "1.5"],
    ["int", "1e3"],
    ["int", "0x10"],
    ["int", "abc"],
    ["int", "9007199254740993"],
    ["float", ""],
    ["float", "abc"],
    ["float", "NaN"],
    ["float", "Infinity"],
    ["float", "1e999"],
    ["float", "1,5"],
  ] as const)("rejects %s %j", (type, text) => {
    expect(parseParamValue(type, text)).toBeUndefined();
  });
});
