import { Link } from "react-router";
import { EmptyState } from "./components/EmptyState";
import { useDocumentTitle } from "./lib/useDocumentTitle";

export function NotFound() {
  useDocumentTitle("Not found");
  return (
    <EmptyState title="There is no page here">
      <Link to="/">Search for a movie</Link> or <Link to="/users">pick a user</Link>.
    </EmptyState>
  );
}
