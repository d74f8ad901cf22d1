import type { VectorBenchReport } from "./vector-bench.js";
import { describeCoverage } from "./vector-index.js";
import type { MethodResult } from "./vector-results.js";

/** Recall an index must reach before its speed counts: below it, it changes what users are shown. */
export const GOOD_RECALL = 0.95;

const COLUMNS = ["case", "method", "queries", "p50 ms", "p95 ms", "p99 ms", "recall@k", "vs API", "same ids", "build s"] as const;

/** The report as a person reads it: where it ran, the index check, one row per method, and the conclusion. */
export function formatVectorReport(report: VectorBenchReport): string {
  const { machine, settings, contentIndex, contentTies: ties } = report;
  const lines = [
    `machine:  ${machine.cores} cores (${machine.cpu}), node ${machine.node}, load average ${machine.loadAverageBefore.join(" ")} before, ${machine.loadAverageAfter.join(" ")} after`,
    `data:     ${settings.dataDir} ${settings.genomeDir ? `with the genome in ${settings.genomeDir}` : "without a genome"}; ALS ${report.factors.als} factors, MF ${report.factors.mf}`,
    `queries:  ${settings.queries} seeded (seed ${settings.seed}) movies / users per case, one at a time after ${settings.warmup} untimed; top-${settings.k}; ` +
      `index asked for ${settings.candidates.join(" and ")} candidates`,
    `content:  ${describeCoverage(contentIndex)}`,
    `ties:     ${ties.tiedQueries} of ${ties.queries} sampled movies have more than ${settings.k} movies at or above their ${settings.k}-th best cosine ` +
      `(median ${ties.medianTiedMovies}); any ${settings.k} of those are a right answer, so "same ids" understates an index there`,
  ];
  if (dimensionMismatch(report)) lines.push("", ...banner(report));
  lines.push(
    "",
    ...table(report.results),
    "",
    "recall@k: against the exact top-k of the similarity the index holds, ties at the cut counted as found; vs API: against the list the API serves;",
    "same ids: exact top-k ids found, ties not forgiven. Index latencies include the Bolt round trip (first row); exact ones are in-process only.",
    "",
    conclusion(report),
  );
  return lines.join("\n");
}

/** True when the content index fixes a dimension other than the embeddings': Neo4j then holds none of them. */
export function dimensionMismatch(report: VectorBenchReport): boolean {
  const c = report.contentIndex;
  return c.index !== undefined && c.configuredDimensions !== undefined && c.configuredDimensions !== c.embeddingDimensions;
}

/** One paragraph drawn from the numbers: which method wins where, and why. */
export function conclusion(report: VectorBenchReport): string {
  const bolt = report.results.find((r) => r.case === "Bolt round trip")!;
  const cases = [...new Set(report.results.map((r) => r.case))].filter((c) => c !== bolt.case);
  const sentences = [`A Bolt round trip alone costs ${ms(bolt)}.`];
  const accurateAndFaster: string[] = [];
  const fasterAtScale: string[] = [];
  for (const name of cases) {
    const rows = report.results.filter((r) => r.case === name);
    const exact = rows.find((r) => r.recall === null)!;
    const indexRows = rows.filter((r) => r.recall !== null);
    if (indexRows.length === 0) {
      sentences.push(`${name}: exact scoring takes ${ms(exact)} (p99 ${exact.latencyMs.p99} ms).`);
      continue;
    }
    const bestRecall = Math.max(...indexRows.map((r) => r.recall!));
    if (exact.synthetic) {
      const verdict = atScale(report, exact, indexRows);
      if (verdict.faster) fasterAtScale.push(`${name} (${verdict.ms} against ${ms(exact)})`);
      sentences.push(
        `${name}: exact ${ms(exact)}; ${verdict.text}; on these structureless random vectors the index reaches recall@${report.settings.k} ` +
          `${bestRecall} at best, which says little about trained factors.`,
      );
      continue;
    }
    const best = indexRows.find((r) => r.recall === bestRecall)!;
    const good = indexRows.filter((r) => r.recall! >= GOOD_RECALL).sort((a, b) => a.latencyMs.p50 - b.latencyMs.p50)[0];
    let sentence = `${name}: exact ${ms(exact)}; the index's best recall@${report.settings.k} is ${best.recall} (${best.method}, ${ms(best)})`;
    if (good) {
      const faster = good.latencyMs.p50 < exact.latencyMs.p50;
      sentence += `, and its fastest setting with recall ≥ ${GOOD_RECALL} takes ${ms(good)}, ${faster ? "faster" : "slower"} than exact`;
      if (faster) accurateAndFaster.push(name);
    } else {
      sentence += `, below ${GOOD_RECALL} in every setting`;
    }
    if (best.apiRecall !== null && best.apiRecall < best.recall! - 0.05) {
      sentence += `; of the list the API serves it finds only ${best.apiRecall}, because the API's ranking is not an inner product`;
    }
    sentences.push(`${sentence}.`);
  }
  sentences.push(
    accurateAndFaster.length === 0
      ? `On the real data no index setting was both accurate (recall ≥ ${GOOD_RECALL}) and faster than exact in-memory scoring, so exact scoring stays.`
      : `On the real data an accurate index beat exact scoring only for: ${accurateAndFaster.join("; ")}.`,
  );
  sentences.push(
    fasterAtScale.length === 0
      ? `At ${report.settings.scaleItems.toLocaleString("en")} synthetic items no index setting that was accurate on trained factors beat exact scoring.`
      : `At ${report.settings.scaleItems.toLocaleString("en")} items an index answers faster than exact scoring for ${fasterAtScale.join("; ")}: that is where one starts to pay, provided it keeps the recall it has on trained factors.`,
  );
  if (dimensionMismatch(report)) sentences.push("The content index is unusable as configured (see the warning above).");
  sentences.push(
    `Load average was ${report.machine.loadAverageBefore[0]} before and ${report.machine.loadAverageAfter[0]} after on ${report.machine.cores} cores; other work on the machine inflates every latency.`,
  );
  return sentences.join(" ");
}

/**
 * A synthetic case judged by the index settings that were accurate on the
 * trained model of the same kind: recall on random vectors does not carry
 * over, latency does.
 */
function atScale(report: VectorBenchReport, exact: MethodResult, indexRows: MethodResult[]): { faster: boolean; ms: string; text: string } {
  const accurate = new Set(
    report.results.filter((r) => r.kind === exact.kind && !r.synthetic && r.recall !== null && r.recall >= GOOD_RECALL).map((r) => r.method),
  );
  const fastest = indexRows.filter((r) => accurate.has(r.method)).sort((a, b) => a.latencyMs.p50 - b.latencyMs.p50)[0];
  if (!fastest) {
    return { faster: false, ms: "", text: `no index setting reached recall ≥ ${GOOD_RECALL} on the trained ${exact.kind.toUpperCase()} factors, so none is a candidate here` };
  }
  const faster = fastest.latencyMs.p50 < exact.latencyMs.p50;
  return {
    faster,
    ms: ms(fastest),
    text: `the setting accurate on the trained factors (${fastest.method}) takes ${ms(fastest)}, ${faster ? "faster" : "slower"}`,
  };
}

function banner(report: VectorBenchReport): string[] {
  const c = report.contentIndex;
  const bar = "!".repeat(72);
  return [
    bar,
    `!!! ${c.index} is configured for ${c.configuredDimensions} dimensions but the content embeddings have ${c.embeddingDimensions}:`,
    `!!! Neo4j silently leaves every such node out, so the index holds ${c.returned} vectors.`,
    "!!! The dimension is fixed in cypher/schema/10-movie-content-a.cypher and 11-movie-content-b.cypher.",
    bar,
  ];
}

function table(results: MethodResult[]): string[] {
  const fmt = (x: number | null) => (x === null ? "" : String(x));
  const body = results.map((r) => [
    r.case,
    r.method,
    String(r.queries),
    String(r.latencyMs.p50),
    String(r.latencyMs.p95),
    String(r.latencyMs.p99),
    fmt(r.recall),
    fmt(r.apiRecall),
    fmt(r.sameIds),
    fmt(r.buildSeconds),
  ]);
  const all = [[...COLUMNS], ...body];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(all[0]), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
}

function ms(r: MethodResult): string {
  return `${r.latencyMs.p50} ms p50`;
}
