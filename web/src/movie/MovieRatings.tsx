import { useQuery } from "@apollo/client/react";
import { Link } from "react-router";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { formatDate, formatStars } from "../lib/format";
import { MOVIE_RATINGS } from "./movie.queries";

const PAGE_SIZE = 10;

/** Who rated the movie, a page at a time: Movie.ratings pages are merged by the cache's relayStylePagination. */
export function MovieRatings({ movieId }: { movieId: string }) {
  const { data, loading, error, fetchMore, refetch } = useQuery(MOVIE_RATINGS, { variables: { id: movieId, first: PAGE_SIZE } });
  const ratings = data?.movie?.ratings;

  return (
    <section className="card" aria-labelledby="ratings-heading">
      <h2 id="ratings-heading">Ratings</h2>
      {error ? (
        <ErrorMessage error={error} title="Ratings could not be loaded" onRetry={() => void refetch()} />
      ) : !ratings ? (
        <Loading />
      ) : ratings.totalCount === 0 ? (
        <p className="muted">Nobody rated this movie yet.</p>
      ) : (
        <>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">User</th>
                <th scope="col">Rating</th>
                <th scope="col">Date</th>
              </tr>
            </thead>
            <tbody>
              {ratings.edges.map(({ cursor, node }) => (
                <tr key={cursor}>
                  <td>
                    <Link to={`/users/${node.user.id}`}>User {node.user.id}</Link>{" "}
                    <span className="muted">({node.user.ratingCount} ratings)</span>
                  </td>
                  <td>{formatStars(node.rating)}</td>
                  <td>{formatDate(node.ratedAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {ratings.pageInfo.hasNextPage && (
            <div className="more">
              <button
                type="button"
                className="button"
                disabled={loading}
                onClick={() => void fetchMore({ variables: { after: ratings.pageInfo.endCursor } })}
              >
                {loading ? "Loading…" : "More ratings"}
              </button>
              <span className="muted">
                {ratings.edges.length} of {ratings.totalCount}
              </span>
            </div>
          )}
        </>
      )}
    </section>
  );
}
