import { postGraphQL, replyProblem, type GraphQLReply } from "./api-client.js";
import type { RequestKind, Workload } from "./api-workload.js";

/**
 * What is wrong with a reply to a request of this kind, or undefined when it
 * is a full, well-formed answer. The timed runs only look for `errors` (to
 * keep the load generator cheap); this pass checks the shape of the data too.
 */
export function checkReply(kind: RequestKind, reply: GraphQLReply): string | undefined {
  const problem = replyProblem(reply);
  if (problem) return problem;
  const data = reply.json!.data!;
  switch (kind) {
    case "recommendations": {
      const list = data.recommendations as Array<{ rank?: number; movie?: { id?: string } }> | undefined;
      if (!Array.isArray(list) || list.length === 0) return "no recommendations";
      if (list.some((r, i) => r.rank !== i + 1 || !r.movie?.id)) return "recommendations without rank 1…n or movie";
      return undefined;
    }
    case "similar":
      return Array.isArray(data.similarMovies) ? undefined : "similarMovies is not a list";
    case "explain": {
      const explanation = data.explain as { summary?: string; paths?: unknown[] } | undefined;
      if (!explanation?.summary) return "explanation without a summary";
      return Array.isArray(explanation.paths) ? undefined : "explanation without paths";
    }
    case "search": {
      const movies = data.movies as { edges?: unknown[] } | undefined;
      return Array.isArray(movies?.edges) ? undefined : "movies without edges";
    }
  }
}

/** Sends the first `count` requests of a workload one by one and checks each reply in full; returns the problems. */
export async function verifyWorkload(url: string, workload: Workload, count: number): Promise<string[]> {
  const problems: string[] = [];
  for (let i = 0; i < count; i++) {
    const { kind, body } = workload.next();
    const problem = checkReply(kind, await postGraphQL(url, body));
    if (problem) problems.push(`${kind} ${body.slice(body.indexOf('"variables"'))}: ${problem}`);
  }
  return problems;
}
