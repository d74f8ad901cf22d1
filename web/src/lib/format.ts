// Pure formatting helpers, free of DOM and React so unit tests can import them.

const integer = new Intl.NumberFormat("en-US");
const decimal = new Intl.NumberFormat("en-US", { minimumFractionDigits: 2, maximumFractionDigits: 2 });
const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

export function formatCount(n: number): string {
  return integer.format(n);
}

/** A mean rating with two decimals, or an em dash when nobody rated. */
export function formatAverage(average: number | null | undefined): string {
  return average === null || average === undefined ? "—" : decimal.format(average);
}

/** 4 → "4★", 3.5 → "3.5★". */
export function formatStars(rating: number): string {
  return `${rating}★`;
}

export function titleWithYear(title: string, year: number | null | undefined): string {
  return year ? `${title} (${year})` : title;
}

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return "—";
  const parsed = new Date(iso);
  return Number.isNaN(parsed.getTime()) ? iso : date.format(parsed);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatCount(n)} ${n === 1 ? one : many}`;
}

/**
 * MovieLens moves leading articles to the end ("Shawshank Redemption, The"):
 * put them back for display in the poster placeholder.
 */
export function naturalTitle(title: string): string {
  const match = /^(.*), (The|A|An|Les|La|Le|L'|Il|Das|Der|Die|El)$/.exec(title);
  if (!match) return title;
  return match[2].endsWith("'") ? `${match[2]}${match[1]}` : `${match[2]} ${match[1]}`;
}

const ARTICLES = new Set(["the", "a", "an", "of", "and", "les", "la", "le", "il", "das", "der", "die", "el"]);

/** Up to two letters for a poster placeholder: "Toy Story" → "TS", "Shawshank Redemption, The" → "SR". */
export function initials(title: string): string {
  const words = title
    .replace(/\(.*?\)/g, " ")
    .split(/[\s,:.\-–]+/)
    .filter((w) => /\p{L}|\p{N}/u.test(w));
  const significant = words.filter((w) => !ARTICLES.has(w.toLowerCase()));
  const picked = (significant.length > 0 ? significant : words).slice(0, 2);
  return picked.map((w) => Array.from(w.replace(/^[^\p{L}\p{N}]+/u, ""))[0] ?? "").join("").toUpperCase();
}

/** A stable hue (0–359) per text, so a movie's placeholder keeps its colour. */
export function hueOf(text: string): number {
  let hash = 2166136261;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, 16777619);
  }
  return (hash >>> 0) % 360;
}

/** Metric values as people read them: small ratios with three decimals, larger numbers with two. */
export function formatMetric(value: number | null | undefined): string {
  if (value === null || value === undefined) return "—";
  if (Number.isInteger(value)) return formatCount(value);
  return Math.abs(value) < 1 ? value.toFixed(3) : value.toFixed(2);
}
