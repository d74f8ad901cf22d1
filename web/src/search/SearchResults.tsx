import { useQuery } from "@apollo/client/react";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { MovieCard } from "../components/MovieCard";
import { yearValue } from "../components/YearRange";
import { plural } from "../lib/format";
import type { SearchState } from "./search-params";
import { SEARCH_MOVIES, type MovieOrder } from "./search.queries";

const PAGE_SIZE = 20;

const SORTS: ReadonlyArray<{ value: MovieOrder; label: string }> = [
  { value: "RELEVANCE", label: "Best match" },
  { value: "POPULARITY", label: "Most rated" },
  { value: "NEWEST", label: "Newest" },
  { value: "TITLE", label: "Title A–Z" },
];

interface Props {
  /** The search, its title text already settled (SearchPage debounces it). */
  state: SearchState;
  onSort: (sort: MovieOrder) => void;
}

export function SearchResults({ state, onSort }: Props) {
  const filtered = state.q !== "" || state.genres.length > 0 || state.from !== "" || state.to !== "";
  const variables = {
    search: state.q || undefined,
    orderBy: state.sort,
    genres: state.genres.length > 0 ? state.genres : undefined,
    yearFrom: yearValue(state.from),
    yearTo: yearValue(state.to),
    first: PAGE_SIZE,
  };
  const { data, previousData, loading, error, fetchMore, refetch } = useQuery(SEARCH_MOVIES, { variables });
  // While the next search runs, keep showing the last results instead of a blank page.
  const shown = data ?? previousData;

  if (error) return <ErrorMessage error={error} title="The search failed" onRetry={() => void refetch()} />;
  if (!shown) return <Loading label="Searching…" />;

  const { edges, totalCount, pageInfo } = shown.movies;
  return (
    <section aria-labelledby="results-heading" aria-busy={loading}>
      <div className="section-header">
        <h2 id="results-heading">{filtered ? "Results" : "All movies"}</h2>
        <p className="muted results-count" aria-live="polite">
          {loading ? "Searching…" : plural(totalCount, "movie")}
        </p>
        <label className="sort">
          <span className="field-label">Sort</span>
          <select className="input" value={state.sort} onChange={(e) => onSort(e.target.value as MovieOrder)}>
            {SORTS.map((s) => (
              <option key={s.value} value={s.value}>
                {s.label}
              </option>
            ))}
          </select>
        </label>
      </div>
      {edges.length === 0 ? (
        <EmptyState title="No movie matches">Try fewer genres, a wider year range or part of the title.</EmptyState>
      ) : (
        <ul className="movie-grid" aria-label="Search results">
          {edges.map(({ node }) => (
            <li key={node.id}>
              <MovieCard movie={node} />
            </li>
          ))}
        </ul>
      )}
      {pageInfo.hasNextPage && (
        <div className="more">
          <button
            type="button"
            className="button"
            disabled={loading}
            onClick={() => void fetchMore({ variables: { after: pageInfo.endCursor } })}
          >
            {loading ? "Loading…" : `Load ${Math.min(PAGE_SIZE, totalCount - edges.length)} more`}
          </button>
          <span className="muted">
            {edges.length} of {totalCount}
          </span>
        </div>
      )}
    </section>
  );
}
