import {
  BarController,
  BarElement,
  CategoryScale,
  Chart,
  Legend,
  LinearScale,
  LineController,
  LineElement,
  PointElement,
  Tooltip,
} from "chart.js";

// Registering only what the app draws keeps the rest of Chart.js out of the bundle.
Chart.register(BarController, BarElement, CategoryScale, LinearScale, LineController, LineElement, PointElement, Tooltip, Legend);

// The same system font stack as styles.css: nothing is downloaded.
Chart.defaults.font.family = 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif';
Chart.defaults.color = "#475569";
Chart.defaults.borderColor = "#e2e8f0";
Chart.defaults.maintainAspectRatio = false;
// Screenshots and people with reduced motion get the final chart straight away.
Chart.defaults.animation = window.matchMedia("(prefers-reduced-motion: reduce)").matches ? false : { duration: 300 };

export const PALETTE = {
  primary: "#4338ca",
  secondary: "#0d9488",
  accent: "#d97706",
  muted: "#94a3b8",
  series: ["#4338ca", "#0d9488", "#d97706", "#be185d", "#0284c7", "#65a30d", "#7c3aed", "#dc2626", "#0891b2"],
};
