import { describe, expect, it } from "vitest";
import { ExploreError } from "../../src/explore/explore-error.js";
import type { ParamSpec } from "../../src/explore/header.js";
import { bindParams } from "../../src/explore/params.js";

const DECLARED: ParamSpec[] = [
  { name: "userId", type: "int", description: "the user" },
  { name: "limit", type: "int", default: 10, description: "rows" },
  { name: "minRating", type: "float", default: 0.5, description: "lowest rating" },
  { name: "genre", type: "string", default: "", description: "genre" },
];

function bindError(args: string[], declared: ParamSpec[] = DECLARED): string {
  try {
    bindParams(declared, args, "q");
  } catch (error) {
    expect(error).toBeInstanceOf(ExploreError);
    return (error as Error).message;
  }
  throw new Error("expected the arguments to be rejected");
}

describe("bindParams", () => {
  it("fills in defaults for what is not given", () => {
    expect(bindParams(DECLARED, ["userId=1"], "q")).toEqual({ userId: 1, limit: 10, minRating: 0.5, genre: "" });
  });

  it("converts each value to its declared type", () => {
    const params = bindParams(DECLARED, ["userId=414", "limit= 3 ", "minRating=4", "genre=Film-Noir"], "q");
    expect(params).toEqual({ userId: 414, limit: 3, minRating: 4, genre: "Film-Noir" });
    expect(typeof params.limit).toBe("number");
  });

  it("keeps a string as given, including '=' and spaces after the first '='", () => {
    expect(bindParams(DECLARED, ["userId=1", "genre= Sci=Fi "], "q").genre).toBe(" Sci=Fi ");
    expect(bindParams(DECLARED, ["userId=1", "genre="], "q").genre).toBe("");
  });

  it("runs a query without parameters with no arguments", () => {
    expect(bindParams([], [], "q")).toEqual({});
  });

  it("rejects an argument that is not key=value", () => {
    expect(bindError(["userId"])).toBe('expected a parameter as key=value, got "userId"');
    expect(bindError(["=5"])).toBe('expected a parameter as key=value, got "=5"');
  });

  it("rejects an unknown name, listing the declared ones", () => {
    expect(bindError(["userId=1", "user=2"])).toBe("q has no parameter user; its parameters: userId, limit, minRating, genre");
    expect(bindError(["limit=1"], [])).toBe("q takes no parameters, got limit");
  });

  it("rejects a name given twice", () => {
    expect(bindError(["userId=1", "userId=2"])).toBe("parameter userId is given twice");
  });

  it("names a required parameter left out, with its type and description", () => {
    expect(bindError([])).toBe("q needs parameter userId (int): the user");
    expect(bindError(["limit=5"])).toBe("q needs parameter userId (int): the user");
  });

  it.each([
    ["userId=abc", 'parameter userId: expected an integer, got "abc"'],
    ["userId=1.5", 'parameter userId: expected an integer, got "1.5"'],
    ["userId=", 'parameter userId: expected an integer, got ""'],
    ["userId=99999999999999999999", 'parameter userId: expected an integer, got "99999999999999999999"'],
    ["minRating=high", 'parameter minRating: expected a number, got "high"'],
    ["minRating=NaN", 'parameter minRating: expected a number, got "NaN"'],
  ])("rejects %s", (arg, message) => {
    expect(bindError(arg.startsWith("userId") ? [arg] : ["userId=1", arg])).toBe(message);
  });
});
