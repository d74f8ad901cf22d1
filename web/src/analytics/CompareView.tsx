import { useQuery } from "@apollo/client/react";
import { useState } from "react";
import { Link, useSearchParams } from "react-router";
import { EmptyState } from "../components/EmptyState";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Segmented } from "../components/Segmented";
import { titleWithYear } from "../lib/format";
import type { Similarity } from "../movie/movie.queries";
import { COMPARE_FANS, COMPARE_SIMILAR, MOST_RATED, type ComparedMovie } from "./analytics.queries";
import { ComparisonChart } from "./ComparisonChart";
import { MoviePicker } from "./MoviePicker";

type Neighbours = Similarity | "FANS";

const OPTIONS: ReadonlyArray<{ value: Neighbours; label: string }> = [
  { value: "HYBRID", label: "Similar: hybrid" },
  { value: "CONTENT", label: "Similar: content" },
  { value: "CF", label: "Similar: collaborative" },
  { value: "GENRE", label: "Similar: genres" },
  { value: "FANS", label: "Recommended to its fans" },
];

export function CompareView() {
  const [params, setParams] = useSearchParams();
  const chosen = params.get("movie");
  const mostRated = useQuery(MOST_RATED, { skip: chosen !== null });
  const movieId = chosen ?? mostRated.data?.movies.edges[0]?.node.id;
  const [neighbours, setNeighbours] = useState<Neighbours>("HYBRID");

  return (
    <section className="card" aria-labelledby="compare-heading">
      <div className="section-header">
        <h2 id="compare-heading">A movie and its neighbours</h2>
      </div>
      <div className="controls">
        <Segmented legend="Compare with" name="neighbours" options={OPTIONS} value={neighbours} onChange={setNeighbours} />
        <MoviePicker onPick={(id) => setParams({ movie: id })} />
      </div>
      {mostRated.error ? (
        <ErrorMessage error={mostRated.error} title="No movie to start from" />
      ) : !movieId ? (
        <Loading />
      ) : neighbours === "FANS" ? (
        <FansComparison movieId={movieId} />
      ) : (
        <SimilarComparison movieId={movieId} by={neighbours} />
      )}
    </section>
  );
}

function Heading({ movie }: { movie: ComparedMovie }) {
  return (
    <h3 className="subheading">
      <Link to={`/movies/${movie.id}`}>{titleWithYear(movie.title, movie.year)}</Link>
    </h3>
  );
}

function SimilarComparison({ movieId, by }: { movieId: string; by: Similarity }) {
  const { data, previousData, error, refetch } = useQuery(COMPARE_SIMILAR, { variables: { id: movieId, by } });
  const movie = (data ?? previousData)?.movie;
  if (error) return <ErrorMessage error={error} title="The comparison failed" onRetry={() => void refetch()} />;
  if (!movie) return data ? <EmptyState title={`There is no movie ${movieId}`} /> : <Loading />;
  if (movie.similar.length === 0) return <EmptyState title="No similar movies by this measure" />;
  return (
    <>
      <Heading movie={movie} />
      <ComparisonChart movie={movie} others={movie.similar.map((s) => s.movie)} caption={`${movie.title} and its ${movie.similar.length} most similar movies`} />
    </>
  );
}

function FansComparison({ movieId }: { movieId: string }) {
  const { data, error, refetch } = useQuery(COMPARE_FANS, { variables: { id: movieId } });
  if (error) return <ErrorMessage error={error} title="The comparison failed" onRetry={() => void refetch()} />;
  if (!data) return <Loading />;
  if (!data.movie) return <EmptyState title={`There is no movie ${movieId}`} />;
  return (
    <>
      <Heading movie={data.movie} />
      <ComparisonChart
        movie={data.movie}
        others={data.recommendationsFor.map((r) => r.movie)}
        caption={`What the hybrid model recommends to someone who liked ${data.movie.title}`}
      />
    </>
  );
}
