import { useQuery } from "@apollo/client/react";
import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { formatAverage, formatCount, formatStars } from "../lib/format";
import { STATS, type StatsData } from "./analytics.queries";

type GenreRatings = StatsData["stats"]["ratingsPerGenre"][number];

interface GenreBarsProps {
  title: string;
  genres: GenreRatings[];
  value: (genre: GenreRatings) => number;
  format: (value: number) => string;
  color: string;
  max?: number;
}

function GenreBars({ title, genres, value, format, color, max }: GenreBarsProps) {
  return (
    <ChartFigure title={title} height={genres.length * 22 + 40} table={{ columns: ["Genre", title], rows: genres.map((g) => [g.genre, format(value(g))]) }}>
      <Bar
        data={{ labels: genres.map((g) => g.genre), datasets: [{ label: title, data: genres.map(value), backgroundColor: color, borderRadius: 3 }] }}
        options={{
          indexAxis: "y",
          plugins: { legend: { display: false }, tooltip: { callbacks: { label: (item) => format(Number(item.raw)) } } },
          scales: { x: { beginAtZero: true, max }, y: { ticks: { autoSkip: false } } },
        }}
      />
    </ChartFigure>
  );
}

export function DatasetView() {
  const { data, error, refetch } = useQuery(STATS);
  if (error) return <ErrorMessage error={error} title="Statistics could not be loaded" onRetry={() => void refetch()} />;
  if (!data) return <Loading label="Counting…" />;
  const { stats } = data;
  const tiles = [
    ["Users", stats.users],
    ["Movies", stats.movies],
    ["Ratings", stats.ratings],
    ["Tags", stats.tags],
    ["Genres", stats.genres],
  ] as const;

  return (
    <>
      <dl className="tiles">
        {tiles.map(([label, value]) => (
          <div key={label} className="tile">
            <dt>{label}</dt>
            <dd>{formatCount(value)}</dd>
          </div>
        ))}
      </dl>
      <div className="grid-2">
        <div className="stack">
          <section className="card" aria-labelledby="distribution-heading">
            <h2 id="distribution-heading">Rating distribution</h2>
            <ChartFigure
              title="Number of ratings per star value"
              table={{ columns: ["Rating", "Ratings"], rows: stats.ratingDistribution.map((b) => [formatStars(b.rating), b.count]) }}
            >
              <Bar
                data={{
                  labels: stats.ratingDistribution.map((b) => formatStars(b.rating)),
                  datasets: [{ label: "Ratings", data: stats.ratingDistribution.map((b) => b.count), backgroundColor: PALETTE.primary, borderRadius: 4 }],
                }}
                options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true } } }}
              />
            </ChartFigure>
          </section>
          <section className="card" aria-labelledby="genre-average-heading">
            <h2 id="genre-average-heading">Average rating per genre</h2>
            <GenreBars
              title="Mean of the ratings of movies in each genre, highest first"
              genres={[...stats.ratingsPerGenre].sort((a, b) => b.averageRating - a.averageRating)}
              value={(g) => g.averageRating}
              format={formatAverage}
              color={PALETTE.accent}
              max={5}
            />
          </section>
        </div>
        <section className="card" aria-labelledby="per-genre-heading">
          <h2 id="per-genre-heading">Ratings per genre</h2>
          <GenreBars
            title="Ratings of movies in each genre (a movie counts in each of its genres)"
            genres={stats.ratingsPerGenre}
            value={(g) => g.ratings}
            format={formatCount}
            color={PALETTE.secondary}
          />
        </section>
      </div>
    </>
  );
}
