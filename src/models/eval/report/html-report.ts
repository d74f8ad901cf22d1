import { summaryOf, type CrossValidationResult, type EvaluationResult, type ModelEvaluation } from "../evaluate.js";
import { escapeXml, formatNumber, groupedBarChart, histogram, lineChart } from "./svg-charts.js";
import { METRIC_COLUMNS, bestRows, formatStatistic, formatValue, type MetricColumn } from "./table.js";

export interface HtmlReportOptions {
  /** Page title and main heading (default "Model evaluation"). */
  title?: string;
  /** A line under the heading, e.g. the data set and split used; plain text. */
  subtitle?: string;
  /** Adds a table of cross-validated means and spreads. */
  crossValidation?: CrossValidationResult;
}

/** The ranking metrics drawn side by side in the bar chart (coverage too: all of them live in [0, 1]). */
const BAR_METRICS = ["precision", "recall", "ndcg", "map", "hitRate", "coverage"] as const;

/** Above this ratio of largest to smallest loss, the training curves are drawn on a log scale. */
const LOG_SCALE_SPREAD = 20;

/**
 * One self-contained HTML page for an evaluation: inline CSS, charts as inline
 * SVG, no script and no external font, stylesheet or image, so it can be
 * mailed, archived next to a model or opened offline. Every chart's numbers
 * are also in an HTML table, and every name from the input is escaped.
 */
export function htmlReport(result: EvaluationResult, options: HtmlReportOptions = {}): string {
  const title = options.title ?? "Model evaluation";
  const sections = [
    setupSection(result),
    metricsSection(result),
    rankingChartSection(result),
    curveSection(result),
    lossSection(result),
    distributionSection(result),
  ];
  if (options.crossValidation) sections.push(crossValidationSection(options.crossValidation));
  return [
    "<!DOCTYPE html>",
    '<html lang="en">',
    "<head>",
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${escapeXml(title)}</title>`,
    `<style>${STYLE}</style>`,
    "</head>",
    "<body>",
    "<main>",
    `<h1>${escapeXml(title)}</h1>`,
    options.subtitle ? `<p class="subtitle">${escapeXml(options.subtitle)}</p>` : "",
    ...sections,
    "</main>",
    "</body>",
    "</html>",
    "",
  ].join("\n");
}

function setupSection(result: EvaluationResult): string {
  const relevance = result.relevance === "any" ? "every rated test item" : `test ratings ≥ ${result.relevance.minRating}`;
  const candidates =
    result.candidates === "trained"
      ? "items with a training rating, minus the user's own"
      : "every item, minus the user's own training items";
  const rows: Array<[string, string]> = [
    ["Users × items", `${result.nUsers} × ${result.nItems}`],
    ["Training ratings", String(result.trainSize)],
    ["Test ratings", String(result.testSize)],
    ["Relevant", relevance],
    ["Ranked from", candidates],
    ["Users ranked", `${result.rankedUsers} (with at least one relevant test item)`],
    ["Cut-off K", `${result.k} (curve at K = ${result.ks.join(", ")})`],
  ];
  const terms = rows.map(([term, value]) => `<dt>${escapeXml(term)}</dt><dd>${escapeXml(value)}</dd>`);
  return section("setup", "Setup", `<dl class="setup">${terms.join("")}</dl>`);
}

function metricsSection(result: EvaluationResult): string {
  const summaries = result.models.map(summaryOf);
  const caption =
    "Headline metrics; the best value of each column is in bold (lower is better for RMSE, MAE and fit time). " +
    `Ranking metrics are averaged over ${result.rankedUsers} users.`;
  const grid = metricGrid(
    result.k,
    result.models.map((m) => m.name),
    (column, row) => summaries[row][column.key],
    (column, row) => formatValue(summaries[row][column.key], column.digits),
  );
  return section("metrics", "Metrics", table(caption, grid.head, grid.body) + DEFINITIONS);
}

/** A model × metric table whose best cell per column is bold and announced as best to screen readers. */
function metricGrid(
  k: number,
  names: string[],
  value: (column: MetricColumn, row: number) => number | null,
  shown: (column: MetricColumn, row: number) => string,
): { head: string; body: string } {
  const best = METRIC_COLUMNS.map((column) =>
    bestRows(
      names.map((_, row) => value(column, row)),
      column,
    ),
  );

  const body = names
    .map((name, row) => {
      const cells = METRIC_COLUMNS.map((column, c) => {
        const text = escapeXml(shown(column, row));
        if (!best[c].has(row)) return `<td>${text}</td>`;
        return `<td class="best"><strong>${text}</strong><span class="visually-hidden"> (best)</span></td>`;
      });
      return `<tr><th scope="row">${escapeXml(name)}</th>${cells.join("")}</tr>`;
    })
    .join("");
  return { head: headRow(["Model", ...METRIC_COLUMNS.map((c) => c.label(k))]), body };
}

function rankingChartSection(result: EvaluationResult): string {
  const labels = new Map(METRIC_COLUMNS.map((c) => [c.key, c.label(result.k)]));
  const chart = groupedBarChart({
    id: "ranking-chart",
    title: `Ranking metrics at K = ${result.k}`,
    description:
      `Bars per model for ${BAR_METRICS.map((m) => labels.get(m)).join(", ")}; higher is better. ` +
      "The numbers are in the metrics table.",
    groups: BAR_METRICS.map((m) => labels.get(m) ?? m),
    series: result.models.map((model) => {
      const summary = summaryOf(model);
      return { name: model.name, values: BAR_METRICS.map((m) => summary[m]) };
    }),
    yLabel: "score",
  });
  return section("ranking", "Ranking metrics per model", `<figure>${chart}</figure>`);
}

function curveSection(result: EvaluationResult): string {
  const chart = lineChart({
    id: "pr-curve",
    title: "Precision–recall at several K",
    description:
      `Precision against recall per model, one point per cut-off K = ${result.ks.join(", ")}; ` +
      "up and to the right is better.",
    series: result.models.map((model) => ({
      name: model.name,
      points: model.curve.map((p) => ({ x: p.recall, y: p.precision, label: `K=${p.k}` })),
    })),
    xLabel: "recall",
    yLabel: "precision",
  });
  const head = headRow(["Model", ...result.ks.flatMap((k) => [`P@${k}`, `R@${k}`])]);
  const body = result.models
    .map((model) => {
      const cells = model.curve.map((p) => `<td>${formatValue(p.precision, 4)}</td><td>${formatValue(p.recall, 4)}</td>`);
      return `<tr><th scope="row">${escapeXml(model.name)}</th>${cells.join("")}</tr>`;
    })
    .join("");
  const numbers = table("Precision and recall at each cut-off.", head, body);
  return section("curve", "Precision–recall curve", `<figure>${chart}</figure>${numbers}`);
}

function lossSection(result: EvaluationResult): string {
  const trained = result.models.filter((m) => m.epochs.length > 0);
  const losses = trained.flatMap((m) => m.epochs.map((e) => e.loss)).filter(Number.isFinite);
  const positive = losses.length > 0 && losses.every((l) => l > 0);
  const log = positive && Math.max(...losses) / Math.min(...losses) > LOG_SCALE_SPREAD;
  const description =
    trained.length > 0
      ? `Training objective per epoch for ${trained.map((m) => m.name).join(", ")}${log ? ", on a logarithmic scale" : ""}. ` +
        "Objectives differ between models: compare the shapes, not the levels."
      : "No model reported a training curve.";
  const chart = lineChart({
    id: "loss-chart",
    title: "Training loss per epoch",
    description,
    series: trained.map((model) => ({ name: model.name, points: model.epochs.map((e) => ({ x: e.epoch, y: e.loss })) })),
    xLabel: "epoch",
    yLabel: "training loss",
    yScale: log ? "log" : "linear",
  });
  const summary = table(
    "Training per model.",
    headRow(["Model", "Epochs", "First loss", "Last loss", "Fit (s)"]),
    result.models.map(lossRow).join(""),
  );
  const details = trained.map((model) => {
    const rows = model.epochs.map(
      (e) => `<tr><td>${e.epoch}</td><td>${formatNumber(e.loss, 6)}</td><td>${formatNumber(e.seconds, 3)}</td></tr>`,
    );
    const epochs = table(`Loss per epoch of ${model.name}.`, headRow(["Epoch", "Loss", "Seconds"]), rows.join(""));
    return `<details><summary>${escapeXml(model.name)}: every epoch</summary>${epochs}</details>`;
  });
  return section("loss", "Training curves", `<figure>${chart}</figure>${summary}${details.join("")}`);
}

function lossRow(model: ModelEvaluation): string {
  const first = model.epochs[0];
  const last = model.epochs[model.epochs.length - 1];
  return (
    `<tr><th scope="row">${escapeXml(model.name)}</th><td>${model.epochs.length}</td>` +
    `<td>${first ? formatNumber(first.loss, 6) : "–"}</td><td>${last ? formatNumber(last.loss, 6) : "–"}</td>` +
    `<td>${formatValue(model.fitSeconds, 2)}</td></tr>`
  );
}

function distributionSection(result: EvaluationResult): string {
  const chart = histogram({
    id: "rating-histogram",
    title: "Rating distribution",
    description: "Number of ratings at each rating value, training ratings stacked under test ratings.",
    bins: result.ratingDistribution.map((d) => ({ label: formatNumber(d.rating), counts: [d.train, d.test] })),
    seriesNames: ["train", "test"],
    xLabel: "rating",
    yLabel: "ratings",
  });
  const head = headRow(["Rating", "Train", "Test"]);
  const body = result.ratingDistribution
    .map((d) => `<tr><th scope="row">${formatNumber(d.rating)}</th><td>${d.train}</td><td>${d.test}</td></tr>`)
    .join("");
  return section("ratings", "Ratings", `<figure>${chart}</figure>${table("Ratings per value in each set.", head, body)}`);
}

function crossValidationSection(cv: CrossValidationResult): string {
  const folds = cv.folds.length;
  const grid = metricGrid(
    cv.folds[0]?.k ?? 0,
    cv.models.map((m) => m.name),
    (column, row) => cv.models[row].metrics[column.key].mean,
    (column, row) => formatStatistic(cv.models[row].metrics[column.key], column.digits),
  );
  const caption = `Mean ± sample standard deviation over ${folds} folds; the best mean of each column is in bold.`;
  return section("cross-validation", `Cross-validation (${folds} folds)`, table(caption, grid.head, grid.body));
}

function headRow(labels: string[]): string {
  return `<tr>${labels.map((label) => `<th scope="col">${escapeXml(label)}</th>`).join("")}</tr>`;
}

function section(id: string, heading: string, content: string): string {
  return `<section aria-labelledby="${id}-heading"><h2 id="${id}-heading">${escapeXml(heading)}</h2>${content}</section>`;
}

function table(caption: string, head: string, body: string): string {
  const content = `<caption>${escapeXml(caption)}</caption><thead>${head}</thead><tbody>${body}</tbody>`;
  return `<div class="table-wrap"><table>${content}</table></div>`;
}

const DEFINITIONS =
  `<details class="definitions"><summary>Definitions</summary><ul>` +
  `<li>RMSE, MAE: over every test rating, predictions clipped to the rating scale; only for models that predict ratings.</li>` +
  `<li>P@K, R@K: relevant items in the top K over K, and over the user's relevant items.</li>` +
  `<li>NDCG@K: binary gains with a log2 discount, ideal ranking over min(K, relevant) items.</li>` +
  `<li>MAP@K: mean of AP@K with the min(K, relevant) denominator, as Microsoft Recommenders' map_at_k.</li>` +
  `<li>HR@K: share of users with at least one relevant item in their top K.</li>` +
  `<li>Coverage: share of the catalogue in some user's top K.</li>` +
  `<li>Novelty: mean −log2 of the share of training users who rated each recommended item (Zhou et al., 2010).</li>` +
  `</ul></details>`;

const STYLE = `
:root { color-scheme: light; --ink: #1d1d1f; --muted: #5b5b66; --line: #d9d9e0; --best: #e8f3ea; }
* { box-sizing: border-box; }
body { margin: 0; font: 15px/1.5 system-ui, -apple-system, "Segoe UI", sans-serif; color: var(--ink); background: #fafafa; }
main { max-width: 1100px; margin: 0 auto; padding: 24px; }
h1 { margin: 0 0 4px; font-size: 1.7rem; }
h2 { margin: 32px 0 12px; font-size: 1.25rem; border-bottom: 1px solid var(--line); padding-bottom: 4px; }
.subtitle { margin: 0; color: var(--muted); }
.setup { display: grid; grid-template-columns: max-content 1fr; gap: 4px 16px; margin: 0; }
.setup dt { font-weight: 600; }
.setup dd { margin: 0; }
figure { margin: 0 0 12px; }
svg.chart { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: 6px; background: #fff; }
svg.chart .point-label { font-size: 10px; fill: var(--muted); }
.table-wrap { overflow-x: auto; margin: 8px 0 12px; }
table { border-collapse: collapse; font-variant-numeric: tabular-nums; background: #fff; }
caption { text-align: left; color: var(--muted); padding: 0 0 6px; caption-side: top; }
th, td { border: 1px solid var(--line); padding: 4px 10px; text-align: right; }
th[scope="row"], thead th:first-child { text-align: left; }
thead th { background: #f0f0f4; }
td.best { background: var(--best); }
details { margin: 6px 0; }
summary { cursor: pointer; color: var(--muted); }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0); white-space: nowrap; }
`;
