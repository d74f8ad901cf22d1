import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { formatStars } from "../lib/format";
import type { RatingBucket } from "./movie.queries";

export function RatingHistogram({ buckets, title }: { buckets: RatingBucket[]; title: string }) {
  const labels = buckets.map((b) => formatStars(b.rating));
  return (
    <ChartFigure
      title={`Ratings of ${title}, by stars`}
      table={{ columns: ["Rating", "Ratings"], rows: buckets.map((b) => [formatStars(b.rating), b.count]) }}
      height={220}
    >
      <Bar
        data={{ labels, datasets: [{ label: "Ratings", data: buckets.map((b) => b.count), backgroundColor: PALETTE.primary, borderRadius: 4 }] }}
        options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, ticks: { precision: 0 } } } }}
      />
    </ChartFigure>
  );
}
