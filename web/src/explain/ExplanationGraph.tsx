import cytoscape, { type StylesheetJson } from "cytoscape";
import { useEffect, useMemo, useRef, useState } from "react";
import { toGraphElements, type GraphPath } from "./explanation-graph";

const FONT = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';

const STYLE: StylesheetJson = [
  {
    selector: "node",
    style: {
      label: "data(label)",
      "font-family": FONT,
      "font-size": 11,
      color: "#0f172a",
      "text-valign": "bottom",
      "text-margin-y": 5,
      "text-wrap": "wrap",
      "text-max-width": "120px",
      "background-color": "#0d9488",
      width: 24,
      height: 24,
    },
  },
  { selector: 'node[role = "you"]', style: { "background-color": "#d97706", width: 32, height: 32, "font-weight": "bold" } },
  { selector: 'node[role = "rated"]', style: { "background-color": "#4338ca", shape: "round-rectangle" } },
  { selector: 'node[kind = "Genre"], node[kind = "GenomeTag"]', style: { shape: "diamond" } },
  { selector: 'node[role = "target"]', style: { "background-color": "#be185d", shape: "star", width: 36, height: 36, "font-weight": "bold" } },
  {
    selector: "edge",
    style: {
      width: 1.5,
      "curve-style": "bezier",
      "line-color": "#94a3b8",
      "target-arrow-color": "#94a3b8",
      "target-arrow-shape": "triangle",
      "arrow-scale": 0.8,
      label: "data(label)",
      "font-family": FONT,
      "font-size": 9,
      color: "#475569",
      "text-rotation": "autorotate",
      "text-background-color": "#ffffff",
      "text-background-opacity": 1,
      "text-background-padding": "2px",
    },
  },
  { selector: 'edge[type = "SIMILAR"], edge[type = "SIMILAR_USER"]', style: { "line-style": "dashed", "line-color": "#64748b", "target-arrow-color": "#64748b" } },
  // A visitor's rating is not in the graph: sent with the request, drawn apart.
  { selector: 'edge[type = "RATED_NOT_STORED"]', style: { "line-style": "dashed" } },
  { selector: 'edge[type = "IN_GENRE"], edge[type = "HAS_TAG"]', style: { "line-style": "dotted", "line-color": "#0d9488", "target-arrow-color": "#0d9488" } },
];

interface Props {
  paths: readonly GraphPath[];
  summary: string;
}

/**
 * The paths as one small graph, you on the left and the movie on the right.
 * The drawing is a picture of the list that follows it, which is what screen
 * readers get, so the canvas itself is hidden from them.
 */
export default function ExplanationGraph({ paths, summary }: Props) {
  const container = useRef<HTMLDivElement>(null);
  const elements = useMemo(() => toGraphElements(paths), [paths]);
  const [drawn, setDrawn] = useState(0);

  useEffect(() => {
    if (!container.current) return;
    const cy = cytoscape({
      container: container.current,
      elements,
      style: STYLE,
      layout: { name: "preset", fit: true, padding: 28 },
      userZoomingEnabled: false,
      userPanningEnabled: false,
      boxSelectionEnabled: false,
      autoungrabify: true,
      autounselectify: true,
    });
    const refit = () => cy.fit(undefined, 28);
    const observer = new ResizeObserver(() => {
      cy.resize();
      refit();
    });
    observer.observe(container.current);
    setDrawn(cy.nodes().length);
    return () => {
      observer.disconnect();
      cy.destroy();
    };
  }, [elements]);

  return (
    <figure className="explanation-graph">
      <div ref={container} className="graph-canvas" data-nodes={drawn} aria-hidden="true" />
      <figcaption className="legend">
        <span className="sr-only">{summary} </span>
        <span className="legend-item legend-you">you</span>
        <span className="legend-item legend-rated">movies you rated</span>
        <span className="legend-item legend-bridge">people, tags, genres</span>
        <span className="legend-item legend-target">this movie</span>
        <span className="legend-line legend-dashed">similar by a model</span>
        <span className="legend-line legend-dotted">in genre or tagged</span>
      </figcaption>
    </figure>
  );
}
