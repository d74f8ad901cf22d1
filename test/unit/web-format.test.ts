import { describe, expect, it } from "vitest";
import { formatAverage, formatMetric, hueOf, initials, naturalTitle, titleWithYear } from "../../web/src/lib/format.js";

describe("web formatting", () => {
  it("puts MovieLens' trailing articles back in front", () => {
    expect(naturalTitle("Shawshank Redemption, The")).toBe("The Shawshank Redemption");
    expect(naturalTitle("Town Called Panic, A")).toBe("A Town Called Panic");
    expect(naturalTitle("Heat")).toBe("Heat");
  });

  it("takes poster initials from the significant words", () => {
    expect(initials("Toy Story")).toBe("TS");
    expect(initials("Shawshank Redemption, The")).toBe("SR");
    expect(initials("Lord of the Rings: The Fellowship of the Ring, The")).toBe("LR");
    expect(initials("¡Three Amigos!")).toBe("TA");
    expect(initials("Amélie (Fabuleux destin d'Amélie Poulain, Le)")).toBe("A");
    expect(initials("9")).toBe("9");
  });

  it("gives a title the same hue every time, and different titles different hues", () => {
    expect(hueOf("Heat")).toBe(hueOf("Heat"));
    expect(hueOf("Heat")).toBeGreaterThanOrEqual(0);
    expect(hueOf("Heat")).toBeLessThan(360);
    expect(new Set(["Heat", "Toy Story", "Jumanji", "Casino"].map(hueOf)).size).toBe(4);
  });

  it("formats averages, metrics and years for people", () => {
    expect(formatAverage(3.920930232)).toBe("3.92");
    expect(formatAverage(null)).toBe("—");
    expect(formatMetric(0.123456)).toBe("0.123");
    expect(formatMetric(12.3456)).toBe("12.35");
    expect(formatMetric(100836)).toBe("100,836");
    expect(formatMetric(null)).toBe("—");
    expect(titleWithYear("Heat", 1995)).toBe("Heat (1995)");
    expect(titleWithYear("Babylon 5", null)).toBe("Babylon 5");
  });
});
