/**
 * MovieLens titles end in the release year: "Heat (1995)". Some carry a year
 * range ("Death Note: Desu nôto (2006–2007)"), trailing spaces, or no year at
 * all ("Black Mirror"). The year is split out; everything else is kept as is.
 */
const YEAR_SUFFIX = /^\s*(.*\S)\s*\((\d{4})(?:\s*[-–]\s*(?:\d{4})?)?\)\s*$/u;

export interface ParsedTitle {
  title: string;
  year: number | null;
}

export function parseTitle(raw: string): ParsedTitle {
  const match = YEAR_SUFFIX.exec(raw);
  if (!match) return { title: raw.trim(), year: null };
  return { title: match[1], year: Number(match[2]) };
}

/** "(no genres listed)" marks a missing value, not a genre. */
export const NO_GENRES = "(no genres listed)";

export function parseGenres(raw: string): string[] {
  return raw
    .split("|")
    .map((g) => g.trim())
    .filter((g) => g !== "" && g !== NO_GENRES);
}
