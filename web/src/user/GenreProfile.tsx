import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { EmptyState } from "../components/EmptyState";
import { formatAverage } from "../lib/format";
import type { GenreShare } from "./user.queries";

/** How many of the user's ratings fall in each genre; the labels carry how they rate it. */
export function GenreProfile({ genres }: { genres: GenreShare[] }) {
  return (
    <section className="card" aria-labelledby="genres-heading">
      <h2 id="genres-heading">Genre profile</h2>
      {genres.length === 0 ? (
        <EmptyState title="No ratings yet" />
      ) : (
        <ChartFigure
          title="Ratings per genre, with the average rating given"
          height={genres.length * 30 + 30}
          table={{ columns: ["Genre", "Ratings", "Average rating"], rows: genres.map((g) => [g.genre, g.ratings, formatAverage(g.averageRating)]) }}
        >
          <Bar
            data={{
              labels: genres.map((g) => `${g.genre} · ${formatAverage(g.averageRating)}★`),
              datasets: [{ label: "Ratings", data: genres.map((g) => g.ratings), backgroundColor: PALETTE.primary, borderRadius: 3 }],
            }}
            options={{
              indexAxis: "y",
              plugins: { legend: { display: false } },
              scales: { x: { beginAtZero: true, ticks: { precision: 0 } }, y: { ticks: { autoSkip: false } } },
            }}
          />
        </ChartFigure>
      )}
    </section>
  );
}
