import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { GenreChips } from "../components/GenreChips";
import { Loading } from "../components/Loading";
import { Poster } from "../components/Poster";
import { formatAverage, formatCount } from "../lib/format";
import { useDocumentTitle } from "../lib/useDocumentTitle";
import { MOVIE_PAGE } from "./movie.queries";
import { MovieRatings } from "./MovieRatings";
import { MovieTags } from "./MovieTags";
import { RatingHistogram } from "./RatingHistogram";
import { SimilarMovies } from "./SimilarMovies";

export function MoviePage() {
  const { id = "" } = useParams();
  // "all": a field that fails (say, tags) still leaves the rest of the page readable, with the error shown.
  const { data, loading, error, refetch } = useQuery(MOVIE_PAGE, { variables: { id }, errorPolicy: "all" });
  const movie = data?.movie;
  useDocumentTitle(movie?.title ?? (loading ? "Movie" : "Movie not found"));

  if (loading && !movie) return <Loading label="Loading the movie…" />;
  if (!movie) {
    return error ? (
      <ErrorMessage error={error} title="The movie could not be loaded" onRetry={() => void refetch()} />
    ) : (
      <EmptyState title={`There is no movie ${id}`}>
        <Link to="/">Search the catalogue</Link> instead.
      </EmptyState>
    );
  }

  return (
    <div className="page">
      <section className="card movie-hero" aria-labelledby="movie-title">
        <Poster title={movie.title} posterUrl={movie.posterUrl} size="large" />
        <div className="movie-hero-body">
          <h1 id="movie-title">
            {movie.title} {movie.year && <span className="year">{movie.year}</span>}
          </h1>
          <GenreChips genres={movie.genres} />
          <dl className="stat-row">
            <div>
              <dt>Average rating</dt>
              <dd className="stat-value">{formatAverage(movie.averageRating)}</dd>
            </div>
            <div>
              <dt>Ratings</dt>
              <dd className="stat-value">{formatCount(movie.ratingCount)}</dd>
            </div>
          </dl>
          <p className="links">
            {movie.imdbUrl && (
              <a className="button button-small" href={movie.imdbUrl} target="_blank" rel="noopener noreferrer">
                IMDb <span className="sr-only">(opens in a new tab)</span>
              </a>
            )}
            {movie.tmdbUrl && (
              <a className="button button-small" href={movie.tmdbUrl} target="_blank" rel="noopener noreferrer">
                TMDB <span className="sr-only">(opens in a new tab)</span>
              </a>
            )}
            <Link className="button button-small button-quiet" to={`/analytics?movie=${movie.id}`}>
              Compare with similar movies
            </Link>
          </p>
        </div>
      </section>
      {error && <ErrorMessage error={error} title="Part of this page could not be loaded" onRetry={() => void refetch()} />}
      <div className="grid-2">
        <section className="card" aria-labelledby="histogram-heading">
          <h2 id="histogram-heading">How people rated it</h2>
          {movie.ratingCount === 0 ? (
            <EmptyState title="Nobody rated this movie yet" />
          ) : (
            <RatingHistogram buckets={movie.ratingHistogram} title={movie.title} />
          )}
        </section>
        <MovieTags topTags={movie.topTags} userTags={movie.userTags} />
      </div>
      <SimilarMovies movieId={movie.id} />
      <MovieRatings movieId={movie.id} />
    </div>
  );
}
