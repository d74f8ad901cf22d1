import { MovieCard } from "../components/MovieCard";
import type { Audience } from "../explain/explain.queries";
import { WhyThis } from "../explain/WhyThis";
import type { RecommendationData } from "./recommendation.fragment";

interface Props {
  recommendations: readonly RecommendationData[];
  /** Whom the list is for, which "Why this?" explains from. */
  audience: Audience;
  busy?: boolean;
  label: string;
}

function Components({ components }: { components: RecommendationData["components"] }) {
  const parts = (["cf", "content", "popularity"] as const).filter((k) => components[k] !== null);
  if (parts.length === 0) return null;
  const names = { cf: "collaborative", content: "content", popularity: "popularity" };
  return (
    <span className="muted">
      {" "}
      · {parts.map((k) => `${names[k]} ${(components[k] ?? 0).toFixed(2)}`).join(", ")}
    </span>
  );
}

export function RecommendationList({ recommendations, audience, busy, label }: Props) {
  return (
    <ol className="movie-list recommendations" aria-label={label} aria-busy={busy}>
      {recommendations.map((r) => (
        <li key={r.movie.id}>
          <MovieCard movie={r.movie} lead={<span className="rank">{r.rank}</span>}>
            <p className="score">
              Score {r.score.toFixed(3)}
              <Components components={r.components} />
            </p>
            <WhyThis audience={audience} movieId={r.movie.id} title={r.movie.title} />
          </MovieCard>
        </li>
      ))}
    </ol>
  );
}
