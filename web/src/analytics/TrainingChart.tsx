import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { formatMetric } from "../lib/format";
import type { ModelData } from "./analytics.queries";
import { numericTrainingMetrics } from "./metrics";

/** Fit time per model: what the training reports for every kind of model alike. */
export function TrainingChart({ models }: { models: ModelData[] }) {
  const fit = numericTrainingMetrics(models).get("fitSeconds");
  if (!fit) return <p className="muted">The models report no fit time.</p>;
  const names = [...fit.keys()];
  return (
    <ChartFigure
      title="Seconds to fit each model"
      table={{ columns: ["Model", "Fit seconds"], rows: names.map((n) => [n, formatMetric(fit.get(n))]) }}
    >
      <Bar
        data={{ labels: names, datasets: [{ label: "Seconds", data: names.map((n) => fit.get(n) ?? 0), backgroundColor: PALETTE.secondary, borderRadius: 4 }] }}
        options={{ plugins: { legend: { display: false } }, scales: { y: { beginAtZero: true, title: { display: true, text: "seconds" } } } }}
      />
    </ChartFigure>
  );
}
