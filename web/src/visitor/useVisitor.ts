import type { ApolloCache } from "@apollo/client";
import { useMutation } from "@apollo/client/react";
import { useEffect, useRef, useState } from "react";
import type { MovieCardData } from "../components/movie-card.fragment";
import { useToken } from "../settings/useToken";
import { CREATE_VISITOR, DELETE_RATING, RATE_MOVIE } from "./visitor.queries";
import { loadVisitor, saveVisitor, type VisitorRating, type VisitorState } from "./visitor-store";

/**
 * Everything derived from a user's ratings is stale once one changes: drop it
 * from the cache, and let onQueryUpdated refetch the lists on screen.
 */
function forgetDerived(cache: ApolloCache, user: { __typename?: "User"; id: string }) {
  const id = cache.identify({ __typename: "User", id: user.id });
  for (const fieldName of ["recommendations", "ratings", "topGenres"]) cache.evict({ id, fieldName });
  cache.gc();
}

const refetchWhatChanged = { onQueryUpdated: (query: { refetch: () => Promise<unknown> }) => query.refetch(), awaitRefetchQueries: true } as const;

/**
 * A visitor's ratings. Anonymous, they stay in this browser and the
 * recommendations come from `recommendationsFor`; with an API token, the first
 * rating creates a user and every rating is written with `rateMovie`, so the
 * models see real ratings.
 */
export function useVisitor() {
  const token = useToken();
  const [state, setState] = useState<VisitorState>(loadVisitor);
  useEffect(() => saveVisitor(state), [state]);

  const [createVisitor, creation] = useMutation(CREATE_VISITOR);
  const [rateMovie, rating] = useMutation(RATE_MOVIE, {
    update: (cache, { data }) => data && forgetDerived(cache, data.rateMovie.user),
    ...refetchWhatChanged,
  });
  const [deleteRating, deletion] = useMutation(DELETE_RATING, {
    update: (cache, { data }) => data && forgetDerived(cache, data.deleteRating.user),
    ...refetchWhatChanged,
  });

  // Two quick ratings must not create two users: the second waits for the first one's user.
  const creating = useRef<Promise<string | undefined> | null>(null);

  function ensureUser(earlier: readonly VisitorRating[]): Promise<string | undefined> {
    if (state.userId) return Promise.resolve(state.userId);
    creating.current ??= (async () => {
      const { data } = await createVisitor();
      if (!data) return undefined;
      const userId = data.createUser.id;
      // Ratings given before the token was set are written too.
      for (const r of earlier) await rateMovie({ variables: { userId, movieId: r.movieId, rating: r.rating } });
      setState((s) => ({ ...s, userId }));
      return userId;
    })().finally(() => {
      creating.current = null;
    });
    return creating.current;
  }

  async function rate(movie: MovieCardData, stars: number) {
    const entry: VisitorRating = { movieId: movie.id, title: movie.title, year: movie.year, rating: stars };
    const earlier = state.ratings.filter((r) => r.movieId !== movie.id);
    setState((s) => ({ ...s, ratings: [...s.ratings.filter((r) => r.movieId !== movie.id), entry] }));
    if (!token) return;
    try {
      const userId = await ensureUser(earlier);
      if (userId) await rateMovie({ variables: { userId, movieId: movie.id, rating: stars } });
    } catch {
      // The mutation hooks keep the error, and the page shows it.
    }
  }

  async function remove(movieId: string) {
    setState((s) => ({ ...s, ratings: s.ratings.filter((r) => r.movieId !== movieId) }));
    if (!state.userId || !token) return;
    try {
      await deleteRating({ variables: { userId: state.userId, movieId } });
    } catch {
      // As above: shown from the mutation's error state.
    }
  }

  /** Forgets the ratings and the user id in this browser; a stored user stays in the graph. */
  function startOver() {
    setState({ ratings: [] });
    creation.reset();
    rating.reset();
    deletion.reset();
  }

  const mutation = [creation, rating, deletion].find((m) => m.error);
  return {
    state,
    token,
    rate,
    remove,
    startOver,
    saving: creation.loading || rating.loading || deletion.loading,
    error: mutation?.error,
  };
}
