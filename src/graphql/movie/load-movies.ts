import type { GraphQLContext } from "../context.js";
import { toMovie } from "./movie.mapper.js";
import type { Movie } from "./movie.type.js";

/**
 * The movies with these ids through the request's DataLoader, in the same
 * order. Every id comes from the graph moments before, so a missing one is a
 * server error, not a client's.
 */
export async function loadMovies(ids: readonly number[], ctx: GraphQLContext): Promise<Movie[]> {
  const rows = await ctx.loaders.movie.loadMany(ids);
  return rows.map((row, i) => {
    if (!row || row instanceof Error) throw row ?? new Error(`movie ${ids[i]} is missing from the graph`);
    return toMovie(row);
  });
}
