import type { Strategy } from "../recommend/recommendation.service.js";
import { query, replyProblem } from "./api-client.js";
import { searchTerms, type Pools } from "./api-workload.js";

const STATS = "{ stats { users } }";
const TOP = "query Top($userId: ID!, $strategy: Strategy) { recommendations(userId: $userId, first: 10, strategy: $strategy) { movie { id title } } }";

export interface PoolOptions {
  strategy: Strategy;
  /** At most this many users (ids 1…n, as MovieLens numbers them). */
  maxUsers: number;
  /** Explanations are asked for each user's this many best recommendations. */
  pairsPerUser: number;
  onProgress?: (done: number, total: number) => void;
}

/**
 * Real ids to spread the load over, asked of the server itself so `--url`
 * works against any data set: the users that exist among 1…n, the movies
 * they are recommended, (user, recommended movie) pairs for explanations,
 * and words from those movies' titles for searches.
 */
export async function discoverPools(url: string, options: PoolOptions): Promise<Pools> {
  const stats = await query(url, STATS);
  const problem = replyProblem(stats);
  if (problem) throw new Error(`the API at ${url} did not answer stats: ${problem}`);
  const count = Math.min(Number((stats.json!.data!.stats as { users: number }).users), options.maxUsers);
  const candidates = Array.from({ length: count }, (_, i) => i + 1);
  const lists = new Map<number, Array<{ id: string; title: string }>>();
  let done = 0;
  // A few at a time: enough to be quick, few enough not to be a load test of its own.
  await forEachLimited(candidates, 4, async (userId) => {
    const reply = await query(url, TOP, { userId: String(userId), strategy: options.strategy });
    const problem = replyProblem(reply);
    if (problem?.startsWith("NOT_FOUND")) return;
    if (problem) throw new Error(`recommendations for user ${userId} failed before the run: ${problem}`);
    lists.set(userId, (reply.json!.data!.recommendations as Array<{ movie: { id: string; title: string } }>).map((r) => r.movie));
    options.onProgress?.(++done, candidates.length);
  });
  const userIds = candidates.filter((id) => lists.has(id));
  if (userIds.length === 0) throw new Error(`none of users 1…${count} exists on ${url}`);
  const movies = new Map<number, string>();
  const pairs: Array<[number, number]> = [];
  // Rank by rank across users, so consecutive explanations are for different users.
  for (let rank = 0; rank < 10; rank++) {
    for (const userId of userIds) {
      const movie = lists.get(userId)![rank];
      if (!movie) continue;
      movies.set(Number(movie.id), movie.title);
      if (rank < options.pairsPerUser) pairs.push([userId, Number(movie.id)]);
    }
  }
  return { userIds, movieIds: [...movies.keys()], pairs, searchTerms: searchTerms([...movies.values()]) };
}

async function forEachLimited<T>(items: readonly T[], limit: number, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await work(items[next++]);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
