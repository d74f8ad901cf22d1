import { EmptyState } from "../components/EmptyState";
import type { MoviePageData } from "./movie.queries";

type Movie = NonNullable<MoviePageData["movie"]>;

export function MovieTags({ topTags, userTags }: Pick<Movie, "topTags" | "userTags">) {
  return (
    <section className="card" aria-labelledby="tags-heading">
      <h2 id="tags-heading">Tags</h2>
      <h3 className="subheading">Tag genome</h3>
      {topTags.length === 0 ? (
        <EmptyState title="No genome tags">
          The loaded data set has no tag genome (the bundled demo set cannot include one). Load one with{" "}
          <code>npm run cli -- load &lt;dir&gt; --genome &lt;folder&gt;</code> to see how strongly each tag applies.
        </EmptyState>
      ) : (
        <ul className="relevance-list">
          {topTags.map((t) => (
            <li key={t.tag}>
              <span className="relevance-tag">{t.tag}</span>
              <meter className="relevance-meter" min={0} max={1} value={t.relevance} aria-label={`${t.tag} relevance`} />
              <span className="relevance-value">{Math.round(t.relevance * 100)}%</span>
            </li>
          ))}
        </ul>
      )}
      <h3 className="subheading">What users tagged it</h3>
      {userTags.length === 0 ? (
        <p className="muted">Nobody tagged this movie.</p>
      ) : (
        <ul className="chips">
          {userTags.map((t) => (
            <li key={t.tag} className="chip chip-count">
              {t.tag}
              <span className="chip-badge" aria-label={`${t.count} times`}>
                {t.count}
              </span>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
