/** Batch results in the order of the keys asked for, null where a key has no row (what DataLoader expects). */
export function inOrder<T extends { id: number }>(ids: readonly number[], rows: T[]): Array<T | null> {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return ids.map((id) => byId.get(id) ?? null);
}
