import type { ErrorLike } from "@apollo/client";
import { describeError } from "../lib/describe-error";

interface Props {
  error: ErrorLike;
  title?: string;
  onRetry?: () => void;
}

export function ErrorMessage({ error, title = "Something went wrong", onRetry }: Props) {
  const problems = describeError(error);
  return (
    <div className="notice notice-error" role="alert">
      <p className="notice-title">{title}</p>
      <ul className="problems">
        {problems.map((p, i) => (
          <li key={i}>
            {p.code && <code className="code-badge">{p.code}</code>} {p.message}
            {p.requestId && <span className="muted"> (request {p.requestId})</span>}
          </li>
        ))}
      </ul>
      {onRetry && (
        <button type="button" className="button button-small" onClick={onRetry}>
          Try again
        </button>
      )}
    </div>
  );
}
