/**
 * Root mean squared error over paired predictions and actual ratings:
 *
 *   RMSE = √( Σᵢ (pᵢ − aᵢ)² / n )
 *
 * the accuracy measure of the Netflix Prize (Bennett & Lanning, "The Netflix
 * Prize", KDD Cup 2007; Koren, Bell & Volinsky, "Matrix Factorization
 * Techniques for Recommender Systems", IEEE Computer 42(8), 2009). Squaring
 * weighs large misses more than MAE does.
 *
 * Returns NaN for empty input: nothing was measured, and 0 would read as a
 * perfect score.
 */
export function rmse(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length) {
    throw new RangeError(`rmse needs paired arrays, got ${predicted.length} predictions and ${actual.length} ratings`);
  }
  const n = predicted.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    const error = predicted[i] - actual[i];
    sum += error * error;
  }
  return Math.sqrt(sum / n);
}
