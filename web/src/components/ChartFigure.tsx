import "./charts";
import type { ReactNode } from "react";

interface Props {
  title: string;
  /** The numbers behind the chart as a table for screen readers, whose canvas is opaque to them. */
  table: { columns: string[]; rows: Array<Array<string | number>> };
  height?: number;
  children: ReactNode;
}

export function ChartFigure({ title, table, height = 260, children }: Props) {
  return (
    <figure className="chart">
      <figcaption className="chart-title">{title}</figcaption>
      <div className="chart-canvas" style={{ height }} aria-hidden="true">
        {children}
      </div>
      {/* Hidden in a block: a table cannot be shrunk to nothing itself, it grows to fit its cells. */}
      <div className="sr-only">
        <table>
          <caption>{title}</caption>
          <thead>
            <tr>
              {table.columns.map((c) => (
                <th key={c} scope="col">
                  {c}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {table.rows.map((row, i) => (
              <tr key={i}>
                {row.map((cell, j) => (
                  <td key={j}>{cell}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </figure>
  );
}
