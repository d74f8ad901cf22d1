import type { Database } from "../db/database.js";
import { topK } from "../models/eval/evaluate.js";
import { idOverlap, mipsItems, mipsQuery, recallAtK } from "./vector-math.js";
import { mean, row, timed, type CaseSettings, type MethodResult } from "./vector-results.js";
import { benchItemIndex } from "./vector-runs.js";
import { subjectInnerProducts, type FactorSubject } from "./vector-subjects.js";

/**
 * Top-k items of every user of `subject`: exact, as the API scores them in
 * memory, and with `indexed` through a temporary HNSW index on the
 * MIPS-transformed item vectors, with quantisation on (Neo4j's default) and off.
 */
export async function benchFactors(db: Database, subject: FactorSubject, indexed: boolean, settings: CaseSettings): Promise<MethodResult[]> {
  const { k } = settings;
  const users = Array.from({ length: subject.users }, (_, u) => u);
  const exact = await timed(users, settings.warmup, (u) => topK(subject.apiScores(u), k));
  const results = [row(subject, `exact, in memory (${subject.apiMethod} + top-${k})`, exact.ms)];
  if (!indexed) return results;

  const answers = await benchItemIndex(db, "MIPS index", mipsItems(subject.items).matrix, users, (u) => ({ vector: mipsQuery(subject.query(u)) }), [true, false], settings);
  const scored = answers.map(() => ({ own: [] as number[], api: [] as number[], ids: [] as number[] }));
  for (const u of users) {
    const inner = subjectInnerProducts(subject, u);
    subject.verify(u, inner);
    const ownTop = topK(inner, k);
    const api = subject.apiScores(u);
    const apiKth = api[exact.results[u][k - 1]];
    answers.forEach((answer, a) => {
      const returned = answer.returned[u];
      scored[a].own.push(recallAtK((i) => inner[i], inner[ownTop[k - 1]], returned, k));
      scored[a].api.push(recallAtK((i) => api[i], apiKth, returned, k));
      scored[a].ids.push(idOverlap(ownTop, returned, k));
    });
  }
  answers.forEach((answer, a) => {
    const accuracy = { recall: mean(scored[a].own), apiRecall: mean(scored[a].api), sameIds: mean(scored[a].ids), buildSeconds: answer.buildSeconds };
    results.push(row(subject, answer.method, answer.ms, accuracy));
  });
  return results;
}
