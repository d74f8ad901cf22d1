import { useQuery } from "@apollo/client/react";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { MODELS } from "./analytics.queries";
import { EvaluationCharts } from "./EvaluationCharts";
import { ModelCard } from "./ModelCard";
import { TrainingChart } from "./TrainingChart";

export function ModelsView() {
  // Training can activate new versions while the page is open: show the cache, then what the server has now.
  const { data, error, refetch } = useQuery(MODELS, { fetchPolicy: "cache-and-network" });
  if (error) return <ErrorMessage error={error} title="Models could not be listed" onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Loading models…" />;
  const { models } = data;
  if (models.length === 0) {
    return (
      <EmptyState title="No model is trained">
        Train them with <code>npm run cli -- train</code>.
      </EmptyState>
    );
  }
  const evaluated = models.filter((m) => m.evaluation !== null);

  return (
    <>
      <div className="grid-2">
        <section className="card" aria-labelledby="training-heading">
          <h2 id="training-heading">Training</h2>
          <TrainingChart models={models} />
        </section>
        <section className="card" aria-labelledby="evaluation-heading">
          <h2 id="evaluation-heading">Evaluation</h2>
          {evaluated.length === 0 ? (
            <EmptyState title="Not evaluated yet">
              Run <code>npm run cli -- evaluate --save</code> to measure each model on held-out ratings and store the results here.
            </EmptyState>
          ) : (
            <EvaluationCharts models={models} />
          )}
        </section>
      </div>
      <ul className="model-grid" aria-label="Active models">
        {models.map((m) => (
          <li key={`${m.name}:${m.version}`}>
            <ModelCard model={m} />
          </li>
        ))}
      </ul>
    </>
  );
}
