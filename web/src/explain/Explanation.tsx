import { useQuery } from "@apollo/client/react";
import { lazy, Suspense } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { EXPLAIN } from "./explain.queries";
import { describePath, KIND_LABELS } from "./explanation-graph";

// Cytoscape is the largest dependency: it loads with the first explanation, not with the app.
const ExplanationGraph = lazy(() => import("./ExplanationGraph"));

export function Explanation({ userId, movieId }: { userId: string; movieId: string }) {
  const { data, error, refetch } = useQuery(EXPLAIN, { variables: { userId, movieId, first: 6 } });
  if (error) return <ErrorMessage error={error} title="The explanation could not be built" onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Walking the graph…" />;
  const { summary, paths } = data.explain;

  return (
    <div className="explanation">
      <p className="summary">{summary}</p>
      {paths.length > 0 && (
        <>
          <Suspense fallback={<Loading label="Drawing the graph…" />}>
            <ExplanationGraph paths={paths} summary={summary} />
          </Suspense>
          <ol className="paths" aria-label="Paths from you to this movie">
            {paths.map((path, i) => (
              <li key={i}>
                <span className={`path-kind path-kind-${path.kind.toLowerCase()}`}>{KIND_LABELS[path.kind]}</span> {describePath(path)}
              </li>
            ))}
          </ol>
        </>
      )}
    </div>
  );
}
