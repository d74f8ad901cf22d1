import { useState } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { useDocumentTitle } from "../lib/useDocumentTitle";
import type { Strategy } from "../recommendations/recommendation.fragment";
import { MovieFinder } from "./MovieFinder";
import { useVisitor } from "./useVisitor";
import { ratingInputs } from "./visitor-store";
import { VisitorRatings } from "./VisitorRatings";
import { VisitorRecommendations } from "./VisitorRecommendations";

export function VisitorPage() {
  useDocumentTitle("New visitor");
  const { state, token, rate, remove, startOver, saving, error } = useVisitor();
  const [strategy, setStrategy] = useState<Strategy>("HYBRID");
  const ratingOf = (movieId: string) => state.ratings.find((r) => r.movieId === movieId)?.rating;

  return (
    <div className="page">
      <header className="page-header">
        <h1>New here?</h1>
        <p className="lede">Rate a handful of movies and watch the recommendations change with every star.</p>
      </header>
      <div className="notice" role="note">
        {state.userId ? (
          <p>
            Your ratings are stored as <strong>user {state.userId}</strong>: the models use them as real ratings, and “Why this?” explains each
            recommendation.{" "}
            {!token && "Set the API token again (top right) to change them."}
          </p>
        ) : token ? (
          <p>An API token is set: your first rating creates a user, and every rating is stored in the graph.</p>
        ) : (
          <p>
            You are anonymous: nothing is stored on the server; your ratings are sent with each request and folded into the models on the fly.
            Paste an API token (top right) to store them as a real user instead.
          </p>
        )}
        {state.ratings.length > 0 && (
          <button type="button" className="button button-small button-quiet" onClick={startOver}>
            Start over
          </button>
        )}
      </div>
      {error && <ErrorMessage error={error} title="Your rating could not be saved" />}
      <div className="grid-2 grid-visitor">
        <div className="stack">
          <MovieFinder ratingOf={ratingOf} onRate={(movie, stars) => void rate(movie, stars)} />
          <VisitorRatings ratings={state.ratings} onRemove={(id) => void remove(id)} />
        </div>
        <div className="stack" aria-busy={saving}>
          <VisitorRecommendations userId={state.userId} ratings={ratingInputs(state.ratings)} strategy={strategy} onStrategy={setStrategy} />
        </div>
      </div>
    </div>
  );
}
