import { useQuery } from "@apollo/client/react";
import { lazy, Suspense } from "react";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { EXPLAIN, EXPLAIN_FOR, type Audience } from "./explain.queries";
import { describePath, KIND_LABELS } from "./explanation-graph";

// Cytoscape is the largest dependency: it loads with the first explanation, not with the app.
const ExplanationGraph = lazy(() => import("./ExplanationGraph"));

const FIRST = 6;

export function Explanation({ audience, movieId }: { audience: Audience; movieId: string }) {
  const user = "userId" in audience ? audience.userId : undefined;
  const ratings = "ratings" in audience ? audience.ratings : [];
  const forUser = useQuery(EXPLAIN, { variables: { userId: user ?? "", movieId, first: FIRST }, skip: user === undefined });
  const forVisitor = useQuery(EXPLAIN_FOR, { variables: { ratings, movieId, first: FIRST }, skip: user !== undefined });
  const { error, refetch } = user === undefined ? forVisitor : forUser;
  const explanation = user === undefined ? forVisitor.data?.explainFor : forUser.data?.explain;
  if (error) return <ErrorMessage error={error} title="The explanation could not be built" onRetry={() => void refetch()} />;
  if (!explanation) return <Loading label="Walking the graph…" />;
  const { summary, paths } = explanation;

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
