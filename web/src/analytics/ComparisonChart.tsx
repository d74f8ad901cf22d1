import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { formatAverage, titleWithYear } from "../lib/format";
import type { ComparedMovie } from "./analytics.queries";

const shorten = (text: string) => (text.length > 22 ? `${text.slice(0, 21)}…` : text);

/** Rating counts (bars, left axis) and average ratings (points, right axis) of a movie and its neighbours. */
export function ComparisonChart({ movie, others, caption }: { movie: ComparedMovie; others: ComparedMovie[]; caption: string }) {
  const movies = [movie, ...others];
  return (
    <ChartFigure
      title={caption}
      height={340}
      table={{
        columns: ["Movie", "Ratings", "Average rating"],
        rows: movies.map((m) => [titleWithYear(m.title, m.year), m.ratingCount, formatAverage(m.averageRating)]),
      }}
    >
      <Bar
        data={{
          labels: movies.map((m) => shorten(m.title)),
          datasets: [
            // Two bar series, each empty where the other has its bar, so the legend can name both colours.
            {
              type: "bar",
              label: `Ratings of ${shorten(movie.title)}`,
              data: movies.map((m, i) => (i === 0 ? m.ratingCount : null)),
              backgroundColor: PALETTE.accent,
              borderRadius: 4,
              yAxisID: "count",
              skipNull: true,
            },
            {
              type: "bar",
              label: "Ratings of the others",
              data: movies.map((m, i) => (i === 0 ? null : m.ratingCount)),
              backgroundColor: PALETTE.primary,
              borderRadius: 4,
              yAxisID: "count",
              skipNull: true,
            },
            {
              type: "line",
              label: "Average rating",
              data: movies.map((m) => m.averageRating),
              borderColor: PALETTE.secondary,
              backgroundColor: PALETTE.secondary,
              showLine: false,
              pointRadius: 5,
              pointStyle: "rectRot",
              yAxisID: "average",
            },
          ] as never,
        }}
        options={{
          scales: {
            x: { ticks: { maxRotation: 60, minRotation: 30, autoSkip: false } },
            count: { position: "left", beginAtZero: true, ticks: { precision: 0 }, title: { display: true, text: "ratings" } },
            average: { position: "right", min: 0, max: 5, grid: { drawOnChartArea: false }, title: { display: true, text: "average ★" } },
          },
          plugins: {
            legend: { position: "bottom" },
            tooltip: { callbacks: { title: (items) => titleWithYear(movies[items[0].dataIndex].title, movies[items[0].dataIndex].year) } },
          },
        }}
      />
    </ChartFigure>
  );
}
