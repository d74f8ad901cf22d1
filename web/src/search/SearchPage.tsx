import { useEffect, useRef, useState } from "react";
import { useSearchParams } from "react-router";
import { GenrePicker } from "../components/GenrePicker";
import { YearRange } from "../components/YearRange";
import { useDebounced } from "../lib/useDebounced";
import { useDocumentTitle } from "../lib/useDocumentTitle";
import { readSearch, writeSearch, type SearchState } from "./search-params";
import { SearchResults } from "./SearchResults";

export function SearchPage() {
  const [params, setParams] = useSearchParams();
  const state = readSearch(params);
  // The title box keeps its own text: the URL updates a moment later, and typing must never wait for it.
  const [text, setText] = useState(state.q);
  const q = useDebounced(text.trim(), 250);
  const written = useRef(state.q);
  useEffect(() => {
    const current = readSearch(params);
    if (current.q === written.current) return;
    // Back/forward or a link changed the search: show it.
    written.current = current.q;
    setText(current.q);
  }, [params]);
  useEffect(() => {
    if (q === written.current) return;
    written.current = q;
    setParams((current) => writeSearch({ ...readSearch(current), q }), { replace: true });
  }, [q, setParams]);
  useDocumentTitle(q ? `“${q}”` : "Search");
  const update = (change: Partial<SearchState>) => setParams(writeSearch({ ...state, q, ...change }), { replace: true });

  return (
    <div className="page">
      <header className="page-header">
        <h1>Find a movie</h1>
        <p className="lede">Search the MovieLens catalogue by title, narrow it by genre and year, and open a movie for its ratings and similar titles.</p>
      </header>
      <form className="card search-form" role="search" onSubmit={(e) => e.preventDefault()}>
        <label className="field-label" htmlFor="search-title">
          Title
        </label>
        <input
          id="search-title"
          className="input input-large"
          type="search"
          placeholder="e.g. star wars, heat, amélie"
          autoComplete="off"
          value={text}
          onChange={(e) => setText(e.target.value)}
        />
        <div className="filters">
          <GenrePicker legend="Genres (all of)" selected={state.genres} onChange={(genres) => update({ genres })} />
          <YearRange value={{ from: state.from, to: state.to }} onChange={({ from, to }) => update({ from, to })} />
        </div>
      </form>
      <SearchResults state={{ ...state, q }} onSort={(sort) => update({ sort })} />
    </div>
  );
}
