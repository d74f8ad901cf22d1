/**
 * Small inline-SVG charts for the evaluation report: no library and no
 * external resource, so the report stays one self-contained file. Every chart
 * is an <svg role="img"> labelled by its <title> and <desc>, and every bar and
 * point carries its own <title> with the exact number (shown on hover and read
 * by screen readers); the report repeats the numbers in HTML tables.
 */

/** One named series of values, drawn in one colour. */
export interface Series {
  name: string;
  values: Array<number | null>;
}

/** A point of a line chart; `label` is written next to the marker (e.g. "K=10"). */
export interface Point {
  x: number;
  y: number;
  label?: string;
}

export interface ChartBase {
  /** Prefix of the element ids inside the chart; must be unique within the page. */
  id: string;
  /** Visible heading and accessible name. */
  title: string;
  /** Accessible description: what is plotted and how to read it. */
  description: string;
}

export interface GroupedBarChartSpec extends ChartBase {
  /** One cluster of bars per group (e.g. per metric). */
  groups: string[];
  /** One bar per series in every group (e.g. per model); values[g] belongs to groups[g]. */
  series: Series[];
  yLabel: string;
}

export interface LineChartSpec extends ChartBase {
  series: Array<{ name: string; points: Point[] }>;
  xLabel: string;
  yLabel: string;
  /** Fixed axis ranges; by default each axis spans the data, widened to nice tick values. */
  xDomain?: readonly [number, number];
  yDomain?: readonly [number, number];
  /** A log scale shows curves of very different magnitude on one chart; it needs positive values. */
  yScale?: "linear" | "log";
}

export interface HistogramSpec extends ChartBase {
  /** One bar per bin, stacked from the series' counts (counts[s] belongs to series s). */
  bins: Array<{ label: string; counts: number[] }>;
  seriesNames: string[];
  xLabel: string;
  yLabel: string;
}

const WIDTH = 680;
const HEIGHT = 320;
const MARGIN = { top: 40, right: 200, bottom: 52, left: 68 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const LEGEND_CHARS = 22;
/** Width and height around a point label within which another label would overlap it. */
const LABEL_BOX = [34, 12] as const;

/**
 * The Okabe–Ito palette ("Color Universal Design", Okabe & Ito, 2008),
 * distinguishable under the common colour-vision deficiencies; yellow is left
 * out because it vanishes on white. Paul Tol's wine, olive and indigo (from his
 * colour-blind-safe "muted" scheme) follow, so the nine models `evaluate`
 * compares by default each get a colour of their own in bar charts, where the
 * dashes that tell repeated colours apart in line charts do not exist.
 */
export const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#000000", "#882255", "#999933", "#332288"];

/** Text made safe inside XML/HTML element content and quoted attribute values. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ENTITIES[c]);
}

const ENTITIES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Clustered vertical bars: a cluster per group, a bar per series; missing values leave a gap. */
export function groupedBarChart(spec: GroupedBarChartSpec): string {
  const values = spec.series.flatMap((s) => s.values).filter(isFiniteNumber);
  if (spec.groups.length === 0 || values.length === 0) return emptyChart(spec);
  const ticks = niceTicks(Math.min(0, ...values), Math.max(...values));
  const y = linear(ticks[0], ticks[ticks.length - 1], MARGIN.top + PLOT_HEIGHT, MARGIN.top);
  const band = PLOT_WIDTH / spec.groups.length;
  const barWidth = (band * 0.8) / spec.series.length;
  const parts: string[] = [yAxis(ticks, y, (t) => formatTick(t, ticks)), axisTitles(spec.yLabel, "")];
  spec.groups.forEach((group, g) => {
    const x0 = MARGIN.left + g * band + band * 0.1;
    parts.push(text(MARGIN.left + (g + 0.5) * band, MARGIN.top + PLOT_HEIGHT + 18, group, "middle"));
    spec.series.forEach((series, s) => {
      const value = series.values[g];
      if (!isFiniteNumber(value)) return;
      const top = Math.min(y(value), y(0));
      const height = Math.abs(y(value) - y(0));
      parts.push(
        `<rect x="${fmt(x0 + s * barWidth)}" y="${fmt(top)}" width="${fmt(barWidth * 0.92)}" height="${fmt(height)}" fill="${colour(s)}">` +
          `<title>${escapeXml(`${series.name}, ${group}: ${formatNumber(value)}`)}</title></rect>`,
      );
    });
  });
  parts.push(baseline(y(0)), legend(spec.series.map((s) => s.name), "box"));
  return svg(spec, parts);
}

/** Lines through each series' points, with a marker (and optional label) at every point. */
export function lineChart(spec: LineChartSpec): string {
  const points = spec.series.flatMap((s) => s.points).filter((p) => isFiniteNumber(p.x) && isFiniteNumber(p.y));
  const log = spec.yScale === "log";
  if (points.length === 0 || (log && points.some((p) => p.y <= 0))) return emptyChart(spec);
  const xTicks = niceTicks(...(spec.xDomain ?? extent(points.map((p) => p.x))));
  const yTicks = log ? logTicks(...extent(points.map((p) => p.y))) : niceTicks(...(spec.yDomain ?? extent(points.map((p) => p.y))));
  const x = linear(xTicks[0], xTicks[xTicks.length - 1], MARGIN.left, MARGIN.left + PLOT_WIDTH);
  const yRange = [yTicks[0], yTicks[yTicks.length - 1]];
  const y = log
    ? (v: number) => linear(Math.log10(yRange[0]), Math.log10(yRange[1]), MARGIN.top + PLOT_HEIGHT, MARGIN.top)(Math.log10(v))
    : linear(yRange[0], yRange[1], MARGIN.top + PLOT_HEIGHT, MARGIN.top);
  const parts: string[] = [
    yAxis(yTicks, y, (t) => (log ? formatNumber(t) : formatTick(t, yTicks))),
    xAxis(xTicks, x),
    axisTitles(spec.yLabel, spec.xLabel),
  ];
  // Labels of nearby points would print over each other: the later one is left to the marker's tooltip.
  const placed: Array<[number, number]> = [];
  const free = (lx: number, ly: number) => placed.every(([px, py]) => Math.abs(px - lx) > LABEL_BOX[0] || Math.abs(py - ly) > LABEL_BOX[1]);
  spec.series.forEach((series, s) => {
    const drawn = series.points.filter((p) => isFiniteNumber(p.x) && isFiniteNumber(p.y));
    if (drawn.length === 0) return;
    const path = drawn.map((p, i) => `${i === 0 ? "M" : "L"}${fmt(x(p.x))},${fmt(y(p.y))}`).join(" ");
    parts.push(`<path d="${path}" fill="none" stroke="${colour(s)}" stroke-width="2"${dash(s)}/>`);
    for (const p of drawn) {
      const where = `${spec.xLabel} ${formatNumber(p.x)}, ${spec.yLabel} ${formatNumber(p.y)}`;
      parts.push(
        `<circle cx="${fmt(x(p.x))}" cy="${fmt(y(p.y))}" r="3.5" fill="${colour(s)}">` +
          `<title>${escapeXml(`${series.name}${p.label ? ` (${p.label})` : ""}: ${where}`)}</title></circle>`,
      );
      if (p.label && free(x(p.x), y(p.y))) {
        placed.push([x(p.x), y(p.y)]);
        parts.push(text(x(p.x) + 5, y(p.y) - 6, p.label, "start", "point-label"));
      }
    }
  });
  parts.push(legend(spec.series.map((s) => s.name), "line"));
  return svg(spec, parts);
}

/** Adjacent bars, one per bin, each stacked from the series' counts (e.g. train below test). */
export function histogram(spec: HistogramSpec): string {
  const totals = spec.bins.map((bin) => bin.counts.reduce((sum, c) => sum + c, 0));
  if (spec.bins.length === 0 || !totals.some((t) => t > 0)) return emptyChart(spec);
  const ticks = niceTicks(0, Math.max(...totals));
  const y = linear(0, ticks[ticks.length - 1], MARGIN.top + PLOT_HEIGHT, MARGIN.top);
  const band = PLOT_WIDTH / spec.bins.length;
  const parts: string[] = [yAxis(ticks, y, (t) => formatTick(t, ticks)), axisTitles(spec.yLabel, spec.xLabel)];
  spec.bins.forEach((bin, b) => {
    const x0 = MARGIN.left + b * band;
    let below = 0;
    bin.counts.forEach((count, s) => {
      if (!(count > 0)) return;
      const top = y(below + count);
      const box = `x="${fmt(x0 + 1)}" y="${fmt(top)}" width="${fmt(Math.max(band - 2, 1))}" height="${fmt(y(below) - top)}"`;
      parts.push(
        `<rect ${box} fill="${colour(s)}">` +
          `<title>${escapeXml(`${spec.seriesNames[s] ?? `series ${s + 1}`}, ${bin.label}: ${formatNumber(count)}`)}</title></rect>`,
      );
      below += count;
    });
    parts.push(text(x0 + band / 2, MARGIN.top + PLOT_HEIGHT + 16, bin.label, "middle"));
  });
  parts.push(baseline(y(0)), legend(spec.seriesNames, "box"));
  return svg(spec, parts);
}

/**
 * About `count` evenly spaced round tick values covering [min, max], from
 * Heckbert's "Nice Numbers for Graph Labels" (Graphics Gems, 1990): the step is
 * 1, 2 or 5 times a power of ten, and the ends are widened to multiples of it.
 */
export function niceTicks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    return niceTicks(min - (min === 0 ? 0 : pad), max + pad, count);
  }
  const step = niceNumber(niceNumber(max - min, false) / (count - 1), true);
  const first = Math.floor(min / step);
  const last = Math.ceil(max / step);
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  return Array.from({ length: last - first + 1 }, (_, i) => Number(((first + i) * step).toFixed(decimals)));
}

/** A number for people: up to four significant decimals, no exponent for everyday magnitudes. */
export function formatNumber(value: number, digits = 4): string {
  if (!Number.isFinite(value)) return "–";
  if (Number.isInteger(value)) return String(value);
  const magnitude = Math.abs(value);
  if (magnitude >= 1000) return value.toFixed(0);
  if (magnitude >= 1e-3) return String(Number(value.toFixed(digits)));
  return value.toPrecision(2);
}

function niceNumber(x: number, round: boolean): number {
  const exponent = Math.floor(Math.log10(x));
  const fraction = x / 10 ** exponent;
  let nice: number;
  if (round) nice = fraction < 1.5 ? 1 : fraction < 3 ? 2 : fraction < 7 ? 5 : 10;
  else nice = fraction <= 1 ? 1 : fraction <= 2 ? 2 : fraction <= 5 ? 5 : 10;
  return nice * 10 ** exponent;
}

/** Powers of ten around [min, max], with 2× and 5× steps added when the range spans few decades. */
function logTicks(min: number, max: number): number[] {
  const low = Math.floor(Math.log10(min));
  const high = Math.max(Math.ceil(Math.log10(max)), low + 1);
  const multiples = high - low <= 2 ? [1, 2, 5] : [1];
  const ticks: number[] = [];
  for (let e = low; e <= high; e++) {
    for (const m of multiples) {
      const tick = Number((m * 10 ** e).toPrecision(12));
      if (e === high && m > 1) continue;
      ticks.push(tick);
    }
  }
  return ticks;
}

function formatTick(value: number, ticks: number[]): string {
  const step = ticks.length > 1 ? Math.abs(ticks[1] - ticks[0]) : 1;
  const decimals = Math.max(0, -Math.floor(Math.log10(step)));
  if (Math.abs(value) >= 10_000) return `${Number((value / 1000).toFixed(Math.max(0, decimals - 3)))}k`;
  return value.toFixed(Math.min(decimals, 6));
}

function extent(values: number[]): [number, number] {
  return [Math.min(...values), Math.max(...values)];
}

function linear(d0: number, d1: number, r0: number, r1: number): (v: number) => number {
  const scale = d1 === d0 ? 0 : (r1 - r0) / (d1 - d0);
  return (v) => r0 + (v - d0) * scale;
}

function svg(spec: ChartBase, parts: string[]): string {
  const id = safeId(spec.id);
  return (
    `<svg class="chart" role="img" aria-labelledby="${id}-title ${id}-desc" ` +
    `viewBox="0 0 ${WIDTH} ${HEIGHT}" width="${WIDTH}" height="${HEIGHT}" ` +
    `font-family="system-ui, -apple-system, 'Segoe UI', sans-serif" font-size="12">` +
    `<title id="${id}-title">${escapeXml(spec.title)}</title><desc id="${id}-desc">${escapeXml(spec.description)}</desc>` +
    `<rect width="${WIDTH}" height="${HEIGHT}" fill="#fff"/>` +
    `<text x="${MARGIN.left}" y="22" font-size="15" font-weight="600" aria-hidden="true">${escapeXml(spec.title)}</text>` +
    parts.join("") +
    `</svg>`
  );
}

function emptyChart(spec: ChartBase): string {
  return svg(spec, [text(MARGIN.left + PLOT_WIDTH / 2, MARGIN.top + PLOT_HEIGHT / 2, "No data to plot", "middle")]);
}

function yAxis(ticks: number[], y: (v: number) => number, label: (t: number) => string): string {
  return ticks
    .map((t) => {
      const at = fmt(y(t));
      return (
        `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${at}" y2="${at}" stroke="#e3e3e3"/>` +
        text(MARGIN.left - 6, y(t) + 4, label(t), "end")
      );
    })
    .join("");
}

function xAxis(ticks: number[], x: (v: number) => number): string {
  const bottom = MARGIN.top + PLOT_HEIGHT;
  return (
    ticks
      .map((t) => {
        const at = fmt(x(t));
        const grid = `<line x1="${at}" x2="${at}" y1="${MARGIN.top}" y2="${bottom}" stroke="#f0f0f0"/>`;
        return grid + text(x(t), bottom + 16, formatTick(t, ticks), "middle");
      })
      .join("") + baseline(bottom)
  );
}

function baseline(at: number): string {
  return `<line x1="${MARGIN.left}" x2="${MARGIN.left + PLOT_WIDTH}" y1="${fmt(at)}" y2="${fmt(at)}" stroke="#555"/>`;
}

function axisTitles(yLabel: string, xLabel: string): string {
  const middleY = MARGIN.top + PLOT_HEIGHT / 2;
  let out = `<text transform="translate(16 ${fmt(middleY)}) rotate(-90)" text-anchor="middle">${escapeXml(yLabel)}</text>`;
  if (xLabel) out += text(MARGIN.left + PLOT_WIDTH / 2, HEIGHT - 10, xLabel, "middle");
  return out;
}

function legend(names: string[], mark: "box" | "line"): string {
  const x = MARGIN.left + PLOT_WIDTH + 16;
  return names
    .map((name, s) => {
      const y = MARGIN.top + 8 + s * 20;
      const swatch =
        mark === "box"
          ? `<rect x="${x}" y="${y - 9}" width="12" height="12" fill="${colour(s)}"/>`
          : `<line x1="${x}" x2="${x + 14}" y1="${y - 3}" y2="${y - 3}" stroke="${colour(s)}" stroke-width="2"${dash(s)}/>`;
      const shown = name.length > LEGEND_CHARS ? `${name.slice(0, LEGEND_CHARS - 1)}…` : name;
      return `<g>${swatch}<text x="${x + 20}" y="${y + 1}"><title>${escapeXml(name)}</title>${escapeXml(shown)}</text></g>`;
    })
    .join("");
}

function text(x: number, y: number, content: string, anchor: "start" | "middle" | "end", className?: string): string {
  const cls = className ? ` class="${className}"` : "";
  return `<text x="${fmt(x)}" y="${fmt(y)}" text-anchor="${anchor}"${cls}>${escapeXml(content)}</text>`;
}

function colour(index: number): string {
  return PALETTE[index % PALETTE.length];
}

/** Past the palette, colours repeat, so later series are dashed to stay distinguishable. */
function dash(index: number): string {
  return index >= PALETTE.length ? ` stroke-dasharray="6 3"` : "";
}

function fmt(value: number): string {
  return String(Math.round(value * 10) / 10);
}

function safeId(id: string): string {
  return id.replace(/[^A-Za-z0-9_-]/g, "-");
}

function isFiniteNumber(value: number | null | undefined): value is number {
  return typeof value === "number" && Number.isFinite(value);
}
