import { describe, type RecommendersReport, type SplitRun } from "./recommenders-bench.js";

const SPLIT_TITLES = {
  user: "Stratified per user (ours: `evaluate --split stratified`)",
  item: 'Stratified per item (their benchmark notebook: `filter_by="item"`)',
};

/** The report as Markdown tables, ready to paste into the README. */
export function formatRecommendersReport(report: RecommendersReport): string {
  const { data, protocol } = report;
  const lines = [
    `ml-100k: ${data.ratings.toLocaleString("en")} ratings, ${data.users} users, ${data.movies.toLocaleString("en")} movies, from ${data.source}; loaded into Neo4j in ${data.loadSeconds.toFixed(1)} s`,
    `Protocol: ${protocol.ratio * 100}/${100 - protocol.ratio * 100} split, seed ${protocol.seed}; top ${protocol.k} over ${protocol.candidates}; relevant: ${protocol.relevant}.`,
    "MAP@10 divides each user's sum of precisions by min(10, number relevant); MAP ÷ #rel by the number relevant, as the MAP of the published table does.",
  ];
  for (const run of report.runs) lines.push("", ...formatRun(run, protocol.k));
  lines.push(
    "",
    `Published (Microsoft Recommenders, ml-100k, stratified per item; ${report.published.source}):`,
    "",
    ...markdownTable(
      ["algorithm", "NDCG@10", "P@10", "R@10", "MAP ÷ #rel", "what"],
      report.published.rows.map((row) => [row.algorithm, fixed(row.ndcg), fixed(row.precision), fixed(row.recall), fixed(row.map), row.note]),
    ),
  );
  return lines.join("\n");
}

function formatRun(run: SplitRun, k: number): string[] {
  return [
    `${SPLIT_TITLES[run.by]}: ${run.trainSize.toLocaleString("en")} training and ${run.testSize.toLocaleString("en")} held-out ratings, ${run.rankedUsers} users ranked`,
    "",
    ...markdownTable(
      ["model", "settings", `NDCG@${k}`, `P@${k}`, `R@${k}`, `MAP@${k}`, "MAP ÷ #rel", "fit s"],
      run.models.map((m) => [
        m.name,
        m.settings === "defaults" ? "defaults" : `validation: ${describe(m.params)}`,
        fixed(m.ndcg),
        fixed(m.precision),
        fixed(m.recall),
        fixed(m.map),
        fixed(m.mapOverRelevant),
        m.fitSeconds.toFixed(2),
      ]),
    ),
    "",
    `Chosen on the validation split (the training part split again the same way, seed + 1), by NDCG@${k}:`,
    "",
    ...markdownTable(
      ["model", "chosen", `validation NDCG@${k}`, "with defaults", "tried", "s"],
      run.choices.map((c) => [c.kind, describe(c.params), fixed(c.validationNdcg), fixed(c.defaultsNdcg), String(c.tried), c.seconds.toFixed(1)]),
    ),
  ];
}

function fixed(x: number): string {
  return Number.isFinite(x) ? x.toFixed(4) : "–";
}

function markdownTable(head: string[], rows: string[][]): string[] {
  const numeric = head.map((_, c) => rows.every((row) => /^[\d.–]+$/.test(row[c])));
  const rule = numeric.map((right) => (right ? "---:" : "---"));
  return [head, rule, ...rows].map((cells) => `| ${cells.join(" | ")} |`);
}
