import { BadUserInputError } from "./errors.js";
import { MAX_PROFILE_MOVIES, parseId, parseRating } from "./ids.js";
import type { VisitorProfileArgs } from "./profile.args.js";

/** (movie id, rating) pairs, checked, at most MAX_PROFILE_MOVIES; a rating overrides a like of the same movie. */
export function parseProfile(input: VisitorProfileArgs): Array<[number, number]> {
  const liked = input.likedMovieIds ?? [];
  const rated = input.ratings ?? [];
  if (liked.length + rated.length > MAX_PROFILE_MOVIES) {
    throw new BadUserInputError(`likedMovieIds and ratings take at most ${MAX_PROFILE_MOVIES} movies together`, "ratings");
  }
  const ratings = new Map<number, number>(liked.map((id) => [parseId(id, "likedMovieIds"), 5]));
  for (const { movieId, rating } of rated) ratings.set(parseId(movieId, "ratings.movieId"), parseRating(rating, "ratings.rating"));
  return [...ratings];
}
