import type { ReactNode } from "react";
import { Link } from "react-router";
import { formatAverage, plural } from "../lib/format";
import { GenreChips } from "./GenreChips";
import type { MovieCardData } from "./movie-card.fragment";
import { Poster } from "./Poster";

interface Props {
  movie: MovieCardData;
  /** Shown before the title, e.g. a rank. */
  lead?: ReactNode;
  /** Extra lines under the facts, e.g. a score or a rating control. */
  children?: ReactNode;
}

export function MovieCard({ movie, lead, children }: Props) {
  return (
    <article className="movie-card">
      <Poster title={movie.title} posterUrl={movie.posterUrl} />
      <div className="movie-card-body">
        <h3 className="movie-card-title">
          {lead}
          <Link to={`/movies/${movie.id}`}>{movie.title}</Link>
          {movie.year && <span className="year"> {movie.year}</span>}
        </h3>
        <p className="facts">
          <span title="Average rating">
            <span aria-hidden="true">★ </span>
            <span className="sr-only">Average rating </span>
            {formatAverage(movie.averageRating)}
          </span>
          <span>{plural(movie.ratingCount, "rating")}</span>
        </p>
        <GenreChips genres={movie.genres} />
        {children}
      </div>
    </article>
  );
}
