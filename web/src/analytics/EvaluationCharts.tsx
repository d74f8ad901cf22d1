import { Bar } from "react-chartjs-2";
import { ChartFigure } from "../components/ChartFigure";
import { PALETTE } from "../components/charts";
import { formatMetric } from "../lib/format";
import type { ModelData } from "./analytics.queries";
import { groupMetrics } from "./metrics";

/** One grouped bar chart per kind of metric, the models side by side. */
export function EvaluationCharts({ models }: { models: ModelData[] }) {
  return (
    <div className="stack">
      {groupMetrics(models).map((group) => (
        <ChartFigure
          key={group.title}
          title={group.title}
          height={group.metrics.length > 1 ? 240 : 170}
          table={{
            columns: ["Model", ...group.metrics],
            rows: group.series.map((s) => [s.model, ...s.values.map((v) => formatMetric(v))]),
          }}
        >
          <Bar
            data={{
              labels: group.metrics,
              datasets: group.series.map((s, i) => ({
                label: s.model,
                data: s.values,
                backgroundColor: PALETTE.series[i % PALETTE.series.length],
                borderRadius: 3,
              })),
            }}
            options={{ plugins: { legend: { position: "bottom" } }, scales: { y: { beginAtZero: true } } }}
          />
        </ChartFigure>
      ))}
    </div>
  );
}
