import { formatDate, formatMetric } from "../lib/format";
import type { ModelData } from "./analytics.queries";

function show(value: unknown): string {
  if (typeof value === "number") return formatMetric(value);
  if (value === null || value === undefined) return "—";
  if (Array.isArray(value)) return value.map(show).join(", ");
  return typeof value === "object" ? JSON.stringify(value) : String(value);
}

function Values({ caption, values }: { caption: string; values: Record<string, unknown> }) {
  const entries = Object.entries(values);
  if (entries.length === 0) return null;
  return (
    <table className="table table-compact">
      <caption>{caption}</caption>
      <tbody>
        {entries.map(([key, value]) => (
          <tr key={key}>
            <th scope="row">{key}</th>
            <td>{show(value)}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

export function ModelCard({ model }: { model: ModelData }) {
  const evaluation = model.evaluation;
  return (
    <article className="card model-card" aria-labelledby={`model-${model.name}`}>
      <header>
        <h3 id={`model-${model.name}`}>
          {model.name} <span className="pill">v{model.version}</span>
        </h3>
        <p className="muted small">
          {model.kind !== model.name && `${model.kind} · `}trained {formatDate(model.trainedAt)} · data{" "}
          <code title={`SHA-256 of the ratings: ${model.dataFingerprint}`}>{model.dataFingerprint.slice(0, 10)}</code>
        </p>
      </header>
      {evaluation ? (
        <Values
          caption={`Evaluation · ${evaluation.split} split, K = ${evaluation.k}, relevant: ${evaluation.relevance}, ${formatDate(evaluation.evaluatedAt)}`}
          values={Object.fromEntries(evaluation.metrics.map((m) => [m.name, m.value]))}
        />
      ) : (
        <p className="muted small">Not evaluated yet.</p>
      )}
      <Values caption="Training" values={model.metrics} />
      <details className="params">
        <summary>Parameters ({Object.keys(model.params).length})</summary>
        <Values caption="Parameters" values={model.params} />
      </details>
    </article>
  );
}
