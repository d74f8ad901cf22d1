import { Random } from "../common/random.js";
import { openRelease } from "../ingest/formats/detect.js";
import { randomizedSvd } from "../models/content/randomized-svd.js";
import { ratingDataFromRelease } from "../models/data/from-release.js";
import { RatingMatrix } from "../models/data/rating-matrix.js";
import { ImplicitAls } from "../models/mf/implicit-als.js";

export interface AlsBenchResult {
  dataset: string;
  ratings: number;
  factors: number;
  iterations: number;
  /** Median wall time of one ALS iteration (both half-sweeps). */
  secondsPerIteration: number;
  /** Reading the files and building the sparse matrices. */
  prepareSeconds: number;
  peakRssMb: number;
}

export interface SvdBenchResult {
  rows: number;
  cols: number;
  rank: number;
  seconds: number;
  peakRssMb: number;
}

/** Times ALS iterations on a release folder's ratings. */
export async function benchAls(label: string, dir: string, factors: number, iterations: number): Promise<AlsBenchResult> {
  const started = Date.now();
  const data = await ratingDataFromRelease(openRelease(dir));
  const matrix = new RatingMatrix(data.users.size, data.items.size, data.interactions);
  const prepareSeconds = (Date.now() - started) / 1000;
  const seconds: number[] = [];
  await new ImplicitAls({ factors, iterations }).fit(matrix, { onEpoch: (r) => seconds.push(r.seconds) });
  return {
    dataset: label,
    ratings: matrix.nnz,
    factors,
    iterations,
    secondsPerIteration: round(median(seconds)),
    prepareSeconds: round(prepareSeconds),
    peakRssMb: peakRssMb(),
  };
}

/**
 * Times the randomised SVD on a matrix the shape of the full tag genome
 * (13,816 movies × 1,128 tags). Its values are seeded random relevance-like
 * numbers: the full genome may not be redistributed, and the SVD's cost
 * depends on the shape, not the values.
 */
export function benchGenomeSvd(rows = 13_816, cols = 1_128, rank = 64): SvdBenchResult {
  const random = new Random(7);
  const data = new Float32Array(rows * cols);
  for (let i = 0; i < data.length; i++) data[i] = random.float() ** 3;
  const started = Date.now();
  randomizedSvd({ rows, cols, data }, { rank });
  return { rows, cols, rank, seconds: round((Date.now() - started) / 1000), peakRssMb: peakRssMb() };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)] ?? Number.NaN;
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}
