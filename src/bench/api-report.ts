import type { ApiBenchReport } from "./api-bench.js";
import { totalErrors, type HeldRates, type LatencySummary } from "./api-summary.js";

const COLUMNS = ["scenario", "conn", "requests", "req/s", "p50 ms", "p95 ms", "p99 ms", "max ms", "errors"] as const;

/** The report as a person reads it: where it ran, one row per scenario (and per kind of the mix), the targets, and errors loudly. */
export function formatReport(report: ApiBenchReport): string {
  const { machine, api, settings, pools } = report;
  const lines = [
    `machine:  ${machine.cores} cores (${machine.cpu}), ${machine.memoryGb} GB, ${machine.platform}, node ${machine.node}, load average ${machine.loadAverage} at start`,
    `api:      ${api.server}`,
    `neo4j:    ${api.neo4j}`,
    `load:     ${settings.connections} connections, ${settings.seconds} s per scenario after ${settings.warmupSeconds} s warm-up, strategy ${settings.strategy}; ` +
      heldRuns(settings.heldRates) +
      `mix ${Object.entries(settings.mix).map(([k, w]) => `${k} ${w}`).join(" / ")}`,
    `ids:      ${pools.users} users, ${pools.movies} movies, ${pools.pairs} (user, recommended movie) pairs, ${pools.searchTerms} search words`,
    "",
    ...table(rows(report)),
    "",
    ...report.targets.map((t) => `${t.met ? "✓ met   " : "✗ MISSED"}  ${t.target}: ${t.actual}`),
  ];
  if (report.errors > 0) lines.push("", ...errorBanner(report));
  return lines.join("\n");
}

function heldRuns(rates: HeldRates): string {
  const held = Object.entries(rates).filter(([, rate]) => rate > 0);
  return held.map(([scenario, rate]) => `${scenario} also held to ${rate} requests/s; `).join("");
}

function rows(report: ApiBenchReport): string[][] {
  const latency = (l: LatencySummary) => [l.p50, l.p95, l.p99, l.max].map(String);
  return report.scenarios.flatMap((s) => {
    const main = [s.heldRate ? `${s.scenario} @${s.heldRate}/s` : s.scenario, s.connections === null ? "paced" : String(s.connections), String(s.requests), String(s.requestsPerSecond), ...latency(s.latencyMs), String(totalErrors(s.errors))];
    if (s.byKind.length < 2) return [main];
    return [main, ...s.byKind.map((k) => [`  ${k.kind}`, "", String(k.requests), String(k.requestsPerSecond), ...latency(k.latencyMs), String(k.errors)])];
  });
}

function table(body: string[][]): string[] {
  const all = [[...COLUMNS], ...body];
  const widths = COLUMNS.map((_, c) => Math.max(...all.map((row) => row[c].length)));
  const line = (row: string[]) => row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join("  ");
  return [line(all[0]), widths.map((w) => "-".repeat(w)).join("  "), ...body.map(line)];
}

function errorBanner(report: ApiBenchReport): string[] {
  const bar = "!".repeat(72);
  const lines = [bar, `!!! ${report.errors} REQUESTS FAILED: these numbers do not measure a working API`];
  for (const s of report.scenarios) {
    if (totalErrors(s.errors) === 0) continue;
    const { http, graphql, socket, verification } = s.errors;
    lines.push(`!!! ${s.scenario}: ${http} HTTP, ${graphql} GraphQL, ${socket} connection, ${verification} verification errors`);
    for (const sample of s.samples) lines.push(`!!!   ${sample}`);
  }
  lines.push(bar);
  return lines;
}
