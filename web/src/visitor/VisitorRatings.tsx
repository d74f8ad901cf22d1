import { Link } from "react-router";
import { formatStars, titleWithYear } from "../lib/format";
import type { VisitorRating } from "./visitor-store";

interface Props {
  ratings: readonly VisitorRating[];
  onRemove: (movieId: string) => void;
}

export function VisitorRatings({ ratings, onRemove }: Props) {
  return (
    <section className="card" aria-labelledby="your-ratings-heading">
      <h2 id="your-ratings-heading">Your ratings</h2>
      {ratings.length === 0 ? (
        <p className="muted">Nothing rated yet. Movies you give 4 or 5 stars count as liked.</p>
      ) : (
        <ul className="your-ratings">
          {ratings.map((r) => (
            <li key={r.movieId}>
              <Link to={`/movies/${r.movieId}`}>{titleWithYear(r.title, r.year)}</Link>
              <span className={r.rating >= 4 ? "pill pill-liked" : "pill"}>{formatStars(r.rating)}</span>
              <button type="button" className="button button-small button-quiet" onClick={() => onRemove(r.movieId)}>
                Remove<span className="sr-only"> {r.title}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
