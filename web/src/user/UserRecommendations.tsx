import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { DEFAULT_SETTINGS, toFilter, type RecommendationSettings } from "../recommendations/recommendation-settings";
import { RecommendationControls } from "../recommendations/RecommendationControls";
import { RecommendationList } from "../recommendations/RecommendationList";
import { USER_RECOMMENDATIONS } from "./user.queries";

export function UserRecommendations({ userId }: { userId: string }) {
  const [settings, setSettings] = useState<RecommendationSettings>(DEFAULT_SETTINGS);
  const { data, previousData, loading, error, refetch } = useQuery(USER_RECOMMENDATIONS, {
    variables: { id: userId, strategy: settings.strategy, filter: toFilter(settings), first: 10 },
  });
  const recommendations = (data ?? previousData)?.user?.recommendations;

  return (
    <section className="card" aria-labelledby="recs-heading">
      <h2 id="recs-heading">Recommended for user {userId}</h2>
      <RecommendationControls value={settings} onChange={setSettings} />
      {error ? (
        <ErrorMessage error={error} title="No recommendations" onRetry={() => void refetch()} />
      ) : !recommendations ? (
        <Loading label="Scoring movies…" />
      ) : recommendations.length === 0 ? (
        <EmptyState title="Nothing passes these filters">Widen the years or pick other genres.</EmptyState>
      ) : (
        <RecommendationList recommendations={recommendations} audience={{ userId }} busy={loading} label={`Recommendations for user ${userId}`} />
      )}
    </section>
  );
}
