import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { titleWithYear } from "../lib/format";
import { useDebounced } from "../lib/useDebounced";
import { SEARCH_MOVIES } from "../search/search.queries";

/** A title search whose results are buttons that pick the movie. */
export function MoviePicker({ onPick }: { onPick: (movieId: string) => void }) {
  const [text, setText] = useState("");
  const search = useDebounced(text.trim(), 250);
  const { data, error } = useQuery(SEARCH_MOVIES, { variables: { search, first: 6 }, skip: search.length < 2 });

  return (
    <div className="picker">
      <label className="field-label" htmlFor="compare-search">
        Compare another movie
      </label>
      <input
        id="compare-search"
        className="input"
        type="search"
        autoComplete="off"
        placeholder="Type a title"
        value={text}
        onChange={(e) => setText(e.target.value)}
      />
      {error && <p className="muted">The search failed: {error.message}</p>}
      {search.length >= 2 && data && (
        <ul className="picker-results" aria-label="Matching movies">
          {data.movies.edges.length === 0 && <li className="muted">No match</li>}
          {data.movies.edges.slice(0, 6).map(({ node }) => (
            <li key={node.id}>
              <button
                type="button"
                className="button button-small button-quiet"
                onClick={() => {
                  onPick(node.id);
                  setText("");
                }}
              >
                {titleWithYear(node.title, node.year)}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
