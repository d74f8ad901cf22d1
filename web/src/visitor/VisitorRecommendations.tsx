import { useQuery } from "@apollo/client/react";
import type { ReactNode } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Segmented } from "../components/Segmented";
import type { Strategy } from "../recommendations/recommendation.fragment";
import { RecommendationList } from "../recommendations/RecommendationList";
import { STRATEGY_OPTIONS } from "../recommendations/strategies";
import { USER_RECOMMENDATIONS } from "../user/user.queries";
import { VISITOR_RECOMMENDATIONS, type MovieRatingInput } from "./visitor.queries";

interface Props {
  userId: string | undefined;
  ratings: MovieRatingInput[];
  strategy: Strategy;
  onStrategy: (strategy: Strategy) => void;
}

const FIRST = 10;

/** A stored visitor gets the user's recommendations; an anonymous one, a profile's: both explained on request. */
export function VisitorRecommendations({ userId, ratings, strategy, onStrategy }: Props) {
  const anonymous = useQuery(VISITOR_RECOMMENDATIONS, {
    variables: { ratings, strategy, first: FIRST },
    skip: userId !== undefined,
  });
  const stored = useQuery(USER_RECOMMENDATIONS, {
    variables: { id: userId ?? "", strategy, first: FIRST },
    skip: userId === undefined,
  });
  const { loading, error, refetch } = userId ? stored : anonymous;
  const list = userId
    ? (stored.data ?? stored.previousData)?.user?.recommendations
    : (anonymous.data ?? anonymous.previousData)?.recommendationsFor;

  let body: ReactNode;
  if (error) body = <ErrorMessage error={error} title="No recommendations" onRetry={() => void refetch()} />;
  else if (!list) body = <Loading label="Scoring movies…" />;
  else body = <RecommendationList recommendations={list} audience={userId ? { userId } : { ratings }} busy={loading} label="Recommendations for you" />;

  return (
    <section className="card" aria-labelledby="visitor-recs-heading">
      <div className="section-header">
        <h2 id="visitor-recs-heading">{ratings.length === 0 && !userId ? "Popular to start with" : "Recommended for you"}</h2>
        {loading && list && <span className="muted small" role="status">Updating…</span>}
      </div>
      <Segmented legend="Model" name="visitor-strategy" options={STRATEGY_OPTIONS} value={strategy} onChange={onStrategy} />
      {body}
    </section>
  );
}
