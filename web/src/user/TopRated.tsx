import { Link } from "react-router";
import { formatStars } from "../lib/format";
import type { UserProfileData } from "./user.queries";

interface Props {
  ratings: NonNullable<UserProfileData["user"]>["ratings"];
  loading: boolean;
  onMore: () => void;
}

export function TopRated({ ratings, loading, onMore }: Props) {
  return (
    <section className="card" aria-labelledby="top-rated-heading">
      <h2 id="top-rated-heading">Highest rated</h2>
      {ratings.totalCount === 0 ? (
        <p className="muted">No ratings yet.</p>
      ) : (
        <ol className="compact-list" aria-label="Highest rated movies">
          {ratings.edges.map(({ cursor, node }) => (
            <li key={cursor}>
              <span className="compact-title">
                <Link to={`/movies/${node.movie.id}`}>{node.movie.title}</Link>
                {node.movie.year && <span className="year"> {node.movie.year}</span>}
              </span>
              <span className={node.rating >= 4 ? "pill pill-liked" : "pill"}>
                <span className="sr-only">Rated </span>
                {formatStars(node.rating)}
              </span>
            </li>
          ))}
        </ol>
      )}
      {ratings.pageInfo.hasNextPage && (
        <div className="more">
          <button type="button" className="button button-small" disabled={loading} onClick={onMore}>
            {loading ? "Loading…" : "More"}
          </button>
          <span className="muted small">
            {ratings.edges.length} of {ratings.totalCount}
          </span>
        </div>
      )}
    </section>
  );
}
