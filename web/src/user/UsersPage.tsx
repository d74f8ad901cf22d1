import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useNavigate } from "react-router";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { formatCount } from "../lib/format";
import { useDocumentTitle } from "../lib/useDocumentTitle";
import { USERS } from "./user.queries";

const PAGE_SIZE = 48;

export function UsersPage() {
  useDocumentTitle("Users");
  const navigate = useNavigate();
  const [typed, setTyped] = useState("");
  const { data, loading, error, fetchMore, refetch } = useQuery(USERS, { variables: { first: PAGE_SIZE } });
  const users = data?.users;

  return (
    <div className="page">
      <header className="page-header">
        <h1>MovieLens users</h1>
        <p className="lede">Pick someone to see what they rated highest, the genres they watch and what each model recommends them.</p>
      </header>
      <form
        className="card inline-form"
        onSubmit={(e) => {
          e.preventDefault();
          if (/^\d+$/.test(typed.trim())) void navigate(`/users/${typed.trim()}`);
        }}
      >
        <label className="field-label" htmlFor="user-id">
          User id
        </label>
        <input id="user-id" className="input" inputMode="numeric" pattern="\d+" placeholder="e.g. 1" value={typed} onChange={(e) => setTyped(e.target.value)} />
        <button type="submit" className="button button-primary">
          Open
        </button>
      </form>
      <section className="card" aria-labelledby="users-heading">
        <div className="section-header">
          <h2 id="users-heading">All users</h2>
          {users && <p className="muted">{formatCount(users.totalCount)} users</p>}
        </div>
        {error ? (
          <ErrorMessage error={error} title="Users could not be listed" onRetry={() => void refetch()} />
        ) : !users ? (
          <Loading />
        ) : (
          <>
            <ul className="user-grid">
              {users.edges.map(({ node }) => (
                <li key={node.id}>
                  <Link className="user-tile" to={`/users/${node.id}`}>
                    <span className="user-tile-id">User {node.id}</span>
                    <span className="muted small">{formatCount(node.ratingCount)} ratings</span>
                  </Link>
                </li>
              ))}
            </ul>
            {users.pageInfo.hasNextPage && (
              <div className="more">
                <button type="button" className="button" disabled={loading} onClick={() => void fetchMore({ variables: { after: users.pageInfo.endCursor } })}>
                  {loading ? "Loading…" : "More users"}
                </button>
                <span className="muted">
                  {users.edges.length} of {formatCount(users.totalCount)}
                </span>
              </div>
            )}
          </>
        )}
      </section>
    </div>
  );
}
