import { describe, expect, it } from "vitest";
import { groupMetrics, numericTrainingMetrics } from "../../web/src/analytics/metrics.js";

const metric = (name: string, value: number | null) => ({ name, value });

describe("web evaluation charts", () => {
  it("groups metrics by scale, one series per evaluated model, in a stable metric order", () => {
    const groups = groupMetrics([
      { name: "als", evaluation: { metrics: [metric("ndcg@10", 0.3), metric("precision@10", 0.2), metric("coverage", 0.4), metric("serendipity", 2)] } },
      { name: "bias", evaluation: { metrics: [metric("rmse", 0.87), metric("ndcg@10", 0.1), metric("mae", 0.66), metric("precision@10", null)] } },
      { name: "content", evaluation: null },
    ]);
    expect(groups.map((g) => g.title)).toEqual([
      "Top-K ranking (higher is better)",
      "Catalogue coverage (share of movies ever recommended)",
      "serendipity",
      "Rating error (lower is better)",
    ]);
    const [ranking, coverage, unknown, error] = groups;
    expect(ranking.metrics).toEqual(["ndcg@10", "precision@10"]);
    expect(ranking.series).toEqual([
      { model: "als", values: [0.3, 0.2] },
      { model: "bias", values: [0.1, null] },
    ]);
    expect(coverage.series).toEqual([
      { model: "als", values: [0.4] },
      { model: "bias", values: [null] },
    ]);
    expect(unknown.metrics).toEqual(["serendipity"]);
    expect(error.series).toEqual([
      { model: "als", values: [null, null] },
      { model: "bias", values: [0.87, 0.66] },
    ]);
  });

  it("has nothing to chart when no model was evaluated", () => {
    expect(groupMetrics([{ name: "als", evaluation: null }])).toEqual([]);
  });

  it("keeps only numeric training metrics", () => {
    const byMetric = numericTrainingMetrics([
      { name: "als", metrics: { fitSeconds: 2.5, epochs: 5, finalLoss: null } },
      { name: "popularity", metrics: { fitSeconds: 0.01, note: "counts" } },
    ]);
    expect([...byMetric.keys()]).toEqual(["fitSeconds", "epochs"]);
    expect(Object.fromEntries(byMetric.get("fitSeconds")!)).toEqual({ als: 2.5, popularity: 0.01 });
  });
});
