import { describe, expect, it } from "vitest";
import type { CrossValidationResult, EvaluationResult, ModelEvaluation } from "../../../src/models/eval/evaluate.js";
import { htmlReport } from "../../../src/models/eval/report/html-report.js";
import { escapeXml, groupedBarChart, histogram, lineChart, niceTicks } from "../../../src/models/eval/report/svg-charts.js";
import { crossValidationTable, metricsTable } from "../../../src/models/eval/report/table.js";

const NASTY = `<b>Fancy & "Co"</b>`;

function model(name: string, overrides: Partial<ModelEvaluation>): ModelEvaluation {
  return {
    name,
    kind: "mf",
    predictsRatings: true,
    fitSeconds: 1.5,
    evaluateSeconds: 0.1,
    epochs: [],
    rmse: 0.9,
    mae: 0.7,
    ranking: { precision: 0.1, recall: 0.05, ndcg: 0.12, map: 0.04, mapOverRelevant: 0.03, hitRate: 0.5, coverage: 0.2, novelty: 9.5 },
    curve: [
      { k: 1, precision: 0.2, recall: 0.01 },
      { k: 10, precision: 0.1, recall: 0.05 },
    ],
    ...overrides,
  };
}

const RESULT: EvaluationResult = {
  k: 10,
  ks: [1, 10],
  relevance: { minRating: 4 },
  candidates: "trained",
  nUsers: 610,
  nItems: 9742,
  trainSize: 75_000,
  testSize: 25_836,
  rankedUsers: 600,
  ratingDistribution: [
    { rating: 0.5, train: 1000, test: 370 },
    { rating: 4, train: 20_000, test: 6_000 },
    { rating: 5, train: 10_000, test: 3_000 },
  ],
  models: [
    model("popularity", {
      kind: "popularity",
      predictsRatings: false,
      rmse: null,
      mae: null,
      fitSeconds: 0.01,
      ranking: { precision: 0.3, recall: 0.08, ndcg: 0.33, map: 0.2, mapOverRelevant: 0.1, hitRate: 0.8, coverage: 0.01, novelty: 4.2 },
    }),
    model(NASTY, {
      epochs: [
        { epoch: 1, loss: 2.5, seconds: 0.5 },
        { epoch: 2, loss: 1.2, seconds: 0.5 },
        { epoch: 3, loss: 0.9, seconds: 0.5 },
      ],
      rmse: 0.8712,
    }),
    model("bias", {
      kind: "bias",
      rmse: 0.91,
      ranking: { precision: 0.3, recall: 0.02, ndcg: 0.1, map: 0.01, mapOverRelevant: 0.01, hitRate: 0.3, coverage: 0.5, novelty: 11 },
    }),
  ],
};

describe("metricsTable", () => {
  const text = metricsTable(RESULT);
  const lines = text.split("\n");
  const row = (name: string) => lines.find((l) => l.startsWith(name))!;

  it("has a header and one row per model", () => {
    expect(lines[0]).toMatch(/^Model\s+RMSE\s+MAE\s+P@10\s+R@10\s+NDCG@10\s+MAP@10\s+HR@10\s+Coverage\s+Novelty \(bits\)\s+Fit \(s\)/);
    expect(row("popularity")).toBeDefined();
    expect(row(NASTY)).toBeDefined();
    expect(row("bias")).toBeDefined();
  });

  it("marks the best value of each column, lower-is-better where it should be", () => {
    // RMSE: 0.8712 beats 0.9100 (lower); popularity has none
    expect(row(NASTY)).toContain("0.8712*");
    expect(row("bias")).toContain("0.9100 ");
    expect(row("popularity")).toMatch(/^popularity\s+– /);
    // P@10 ties at 0.3000 between popularity and bias: both marked
    expect(row("popularity")).toContain("0.3000*");
    expect(row("bias")).toContain("0.3000*");
    expect(row(NASTY)).toContain("0.1000 ");
    // fit time: popularity's 0.01 s is best
    expect(row("popularity")).toMatch(/0\.01\*$/);
    expect(text.match(/\*/g)!.length).toBeGreaterThanOrEqual(10);
  });

  it("lines the columns up", () => {
    const header = lines[0];
    const end = header.indexOf("RMSE") + "RMSE ".length;
    // every numeric cell of the RMSE column ends in the same place as its header
    for (const name of ["popularity", NASTY, "bias"]) expect(row(name).slice(end - 2, end)).toMatch(/[0-9–][ *]/);
  });
});

describe("crossValidationTable", () => {
  it("shows mean ± std and marks the best mean", () => {
    const stat = (mean: number | null, std: number | null) => ({ mean, std });
    const metrics = (precision: number) => ({
      rmse: stat(null, null),
      mae: stat(null, null),
      precision: stat(precision, 0.01),
      recall: stat(0.1, 0),
      ndcg: stat(0.1, 0),
      map: stat(0.1, 0),
      hitRate: stat(0.1, 0),
      coverage: stat(0.1, 0),
      novelty: stat(5, 0.5),
      fitSeconds: stat(1, 0.1),
    });
    const cv: CrossValidationResult = {
      folds: [RESULT, RESULT],
      models: [
        { name: "a", kind: "mf", metrics: metrics(0.25) },
        { name: "b", kind: "bias", metrics: metrics(0.2) },
      ],
    };
    const text = crossValidationTable(cv);
    expect(text).toContain("0.2500 ± 0.0100*");
    expect(text).toContain("0.2000 ± 0.0100 ");
    expect(text).toContain("over 2 folds");
    const html = htmlReport(RESULT, { crossValidation: cv });
    expect(html).toContain("Cross-validation (2 folds)");
    expect(html).toContain(`<td class="best"><strong>0.2500 ± 0.0100</strong>`);
  });
});

describe("htmlReport", () => {
  const html = htmlReport(RESULT, { title: "ml-latest-small <stratified>", subtitle: "75/25 split & seed 42" });

  it("is one HTML document with an <svg> per chart", () => {
    expect(html.startsWith("<!DOCTYPE html>")).toBe(true);
    expect(html.match(/<svg /g)).toHaveLength(4);
    expect(html.match(/<svg [^>]*role="img"/g)).toHaveLength(4);
    const titles = ["Ranking metrics at K = 10", "Precision–recall at several K", "Training loss per epoch", "Rating distribution"];
    for (const title of titles) expect(html).toContain(`>${title}</title>`);
  });

  it("references nothing outside the file", () => {
    expect(html).not.toMatch(/https?:/);
    expect(html).not.toMatch(/<script|<link|<img|<iframe|@import|url\(/i);
  });

  it("names every model, escaping markup in names and titles", () => {
    expect(html).toContain(">popularity<");
    expect(html).toContain(">bias<");
    expect(html).toContain("&lt;b&gt;Fancy &amp; &quot;Co&quot;&lt;/b&gt;");
    expect(html).not.toContain(NASTY);
    expect(html).not.toContain("<b>");
    expect(html).toContain("<title>ml-latest-small &lt;stratified&gt;</title>");
    expect(html).toContain("75/25 split &amp; seed 42");
  });

  it("repeats the numbers in tables and marks the best", () => {
    expect(html).toContain(`<td class="best"><strong>0.8712</strong><span class="visually-hidden"> (best)</span></td>`);
    expect(html).toContain("<td>0.9100</td>");
    // precision and recall at each K, the rating counts, and the training curve's ends
    expect(html).toContain("<th scope=\"col\">P@1</th><th scope=\"col\">R@1</th>");
    expect(html).toContain("<tr><th scope=\"row\">4</th><td>20000</td><td>6000</td></tr>");
    expect(html).toMatch(/<td>3<\/td><td>2\.5<\/td><td>0\.9<\/td>/);
  });
});

describe("svg charts", () => {
  // Data bars carry a <title>; legend swatches do not.
  const bar = /<rect x="[^"]+" y="[^"]+" width="[^"]+" height="([^"]+)" fill="#[0-9A-F]{6}"><title>/g;
  const heights = (svg: string) => [...svg.matchAll(bar)].map((m) => Number(m[1]));

  it("draws bars in proportion to their values", () => {
    const svg = groupedBarChart({
      id: "t",
      title: "T",
      description: "D",
      groups: ["P@10"],
      series: [
        { name: "a", values: [0.5] },
        { name: "b", values: [1] },
        { name: "c", values: [null] },
      ],
      yLabel: "score",
    });
    // axis 0…1 over 228 px: 0.5 → 114 px, 1 → 228 px; the missing value draws nothing
    expect(heights(svg)).toEqual([114, 228]);
    expect(svg).toContain("<title>a, P@10: 0.5</title>");
  });

  it("stacks histogram counts", () => {
    const svg = histogram({
      id: "h",
      title: "H",
      description: "D",
      bins: [
        { label: "1", counts: [30, 10] },
        { label: "2", counts: [20, 0] },
      ],
      seriesNames: ["train", "test"],
      xLabel: "rating",
      yLabel: "ratings",
    });
    // axis 0…40 (ticks every 10): 30 → 171 px, 10 → 57 px, 20 → 114 px; a zero count draws nothing
    expect(heights(svg)).toEqual([171, 57, 114]);
    expect(svg).toContain("<title>test, 1: 10</title>");
  });

  it("labels itself for assistive technology and says when there is nothing to plot", () => {
    const svg = lineChart({ id: "my chart", title: "Loss <x>", description: "none", series: [], xLabel: "epoch", yLabel: "loss" });
    expect(svg).toContain(`aria-labelledby="my-chart-title my-chart-desc"`);
    expect(svg).toContain(`<title id="my-chart-title">Loss &lt;x&gt;</title>`);
    expect(svg).toContain("No data to plot");
  });

  it("places line points on the axes and writes their labels", () => {
    const svg = lineChart({
      id: "l",
      title: "L",
      description: "D",
      series: [{ name: "m", points: [{ x: 0, y: 0, label: "K=1" }, { x: 1, y: 1, label: "K=5" }] }],
      xLabel: "recall",
      yLabel: "precision",
    });
    // plot area x 68…480, y 268…40
    expect(svg).toContain(`<circle cx="68" cy="268"`);
    expect(svg).toContain(`<circle cx="480" cy="40"`);
    expect(svg).toContain(">K=5</text>");
  });

  it("picks round tick values", () => {
    expect(niceTicks(0, 0.83)).toEqual([0, 0.2, 0.4, 0.6, 0.8, 1]);
    expect(niceTicks(0, 34_567)).toEqual([0, 10_000, 20_000, 30_000, 40_000]);
    expect(niceTicks(0.78, 0.95)).toEqual([0.75, 0.8, 0.85, 0.9, 0.95]);
  });

  it("escapes the five XML specials", () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  });
});
