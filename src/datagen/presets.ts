/** Sizes of real releases, so generated sets can stand in for them in benchmarks. */
export const PRESETS = {
  small: { users: 610, movies: 9742, ratings: 100836 },
  "ml-25m": { users: 162541, movies: 59047, ratings: 25000095 },
} as const;

export type PresetName = keyof typeof PRESETS;
