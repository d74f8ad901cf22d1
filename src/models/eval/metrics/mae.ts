/**
 * Mean absolute error over paired predictions and actual ratings:
 *
 *   MAE = Σᵢ |pᵢ − aᵢ| / n
 *
 * (Herlocker, Konstan, Terveen & Riedl, "Evaluating Collaborative Filtering
 * Recommender Systems", ACM TOIS 22(1), 2004, §4.1.1). Every star of error
 * counts the same, so it is less swayed by a few large misses than RMSE.
 *
 * Returns NaN for empty input: nothing was measured, and 0 would read as a
 * perfect score.
 */
export function mae(predicted: ArrayLike<number>, actual: ArrayLike<number>): number {
  if (predicted.length !== actual.length) {
    throw new RangeError(`mae needs paired arrays, got ${predicted.length} predictions and ${actual.length} ratings`);
  }
  const n = predicted.length;
  if (n === 0) return Number.NaN;
  let sum = 0;
  for (let i = 0; i < n; i++) sum += Math.abs(predicted[i] - actual[i]);
  return sum / n;
}
