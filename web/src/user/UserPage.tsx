import { useQuery } from "@apollo/client/react";
import { Link, useParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { formatCount } from "../lib/format";
import { useDocumentTitle } from "../lib/useDocumentTitle";
import { GenreProfile } from "./GenreProfile";
import { TopRated } from "./TopRated";
import { USER_PROFILE } from "./user.queries";
import { UserRecommendations } from "./UserRecommendations";

export function UserPage() {
  const { id = "" } = useParams();
  useDocumentTitle(`User ${id}`);
  const { data, loading, error, fetchMore, refetch } = useQuery(USER_PROFILE, { variables: { id, first: 10 } });
  const user = data?.user;

  if (error) return <ErrorMessage error={error} title={`User ${id} could not be loaded`} onRetry={() => void refetch()} />;
  if (!user) {
    return loading ? (
      <Loading label="Loading the user…" />
    ) : (
      <EmptyState title={`There is no user ${id}`}>
        <Link to="/users">Pick one from the list</Link>.
      </EmptyState>
    );
  }

  return (
    <div className="page">
      <header className="page-header">
        <p className="breadcrumb">
          <Link to="/users">Users</Link>
        </p>
        <h1>User {user.id}</h1>
        <p className="lede">{formatCount(user.ratingCount)} ratings</p>
      </header>
      <div className="with-sidebar">
        <aside className="stack sidebar" aria-label="Taste">
          <GenreProfile genres={user.topGenres} />
          <TopRated
            ratings={user.ratings}
            loading={loading}
            onMore={() => void fetchMore({ variables: { after: user.ratings.pageInfo.endCursor } })}
          />
        </aside>
        <UserRecommendations key={user.id} userId={user.id} />
      </div>
    </div>
  );
}
