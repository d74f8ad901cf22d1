import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import type { MovieCardData } from "../components/movie-card.fragment";
import { StarRating } from "../components/StarRating";
import { titleWithYear } from "../lib/format";
import { useDebounced } from "../lib/useDebounced";
import { SEARCH_MOVIES } from "../search/search.queries";

interface Props {
  ratingOf: (movieId: string) => number | undefined;
  onRate: (movie: MovieCardData, stars: number) => void;
}

/** Search the catalogue and rate what you find; an empty search lists titles A–Z. */
export function MovieFinder({ ratingOf, onRate }: Props) {
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 250);
  const { data, previousData, error, refetch } = useQuery(SEARCH_MOVIES, { variables: { search: search || undefined, first: 8 } });
  // The cache merges every page of a search, so a search already paged through elsewhere has more.
  const results = (data ?? previousData)?.movies.edges.slice(0, 8);

  return (
    <section className="card" aria-labelledby="finder-heading">
      <h2 id="finder-heading">Rate movies you know</h2>
      <label className="field-label" htmlFor="finder-search">
        Find a movie
      </label>
      <input
        id="finder-search"
        className="input"
        type="search"
        autoComplete="off"
        placeholder="e.g. toy story, matrix, amelie"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error ? (
        <ErrorMessage error={error} title="The search failed" onRetry={() => void refetch()} />
      ) : !results ? (
        <Loading />
      ) : results.length === 0 ? (
        <p className="muted">No title contains “{search}”.</p>
      ) : (
        <ul className="rate-list" aria-label="Movies to rate">
          {results.map(({ node }) => (
            <li key={node.id} className="rate-row">
              <span className="rate-title">{titleWithYear(node.title, node.year)}</span>
              <StarRating label={`Your rating for ${titleWithYear(node.title, node.year)}`} value={ratingOf(node.id)} onChange={(stars) => onRate(node, stars)} />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
