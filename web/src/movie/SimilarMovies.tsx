import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { MovieCard } from "../components/MovieCard";
import { Segmented } from "../components/Segmented";
import type { Similarity } from "./movie.queries";
import { SIMILAR_MOVIES } from "./movie.queries";
import { SIMILARITY_OPTIONS } from "./similarity";

export function SimilarMovies({ movieId }: { movieId: string }) {
  const [by, setBy] = useState<Similarity>("HYBRID");
  const { data, previousData, loading, error, refetch } = useQuery(SIMILAR_MOVIES, { variables: { id: movieId, by, first: 10 } });
  const similar = (data ?? previousData)?.movie?.similar;
  const hint = SIMILARITY_OPTIONS.find((o) => o.value === by)?.hint;

  return (
    <section className="card" aria-labelledby="similar-heading">
      <div className="section-header">
        <h2 id="similar-heading">Similar movies</h2>
        <Segmented legend="Similar by" name="similar-by" options={SIMILARITY_OPTIONS} value={by} onChange={setBy} />
      </div>
      <p className="muted">{hint}.</p>
      {error ? (
        <ErrorMessage error={error} title="Similar movies could not be found" onRetry={() => void refetch()} />
      ) : !similar ? (
        <Loading label="Finding similar movies…" />
      ) : similar.length === 0 ? (
        <EmptyState title="No similar movies by this measure">
          Collaborative neighbours need enough people who rated this movie; try Content or Genres.
        </EmptyState>
      ) : (
        <ol className="movie-list columns" aria-label={`Similar movies by ${by.toLowerCase()}`} aria-busy={loading}>
          {similar.map((s) => (
            <li key={s.movie.id}>
              <MovieCard movie={s.movie}>
                <p className="score">
                  Similarity {s.score.toFixed(3)} <span className="muted">· {s.source}</span>
                </p>
              </MovieCard>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
