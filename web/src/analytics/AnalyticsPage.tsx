import { NavLink, Outlet } from "react-router";
import { useDocumentTitle } from "../lib/useDocumentTitle";

const TABS = [
  { to: "/analytics", label: "Movie comparison", end: true },
  { to: "/analytics/dataset", label: "Data set", end: false },
  { to: "/analytics/models", label: "Models", end: false },
];

export function AnalyticsPage() {
  useDocumentTitle("Analytics");
  return (
    <div className="page">
      <header className="page-header">
        <h1>Analytics</h1>
        <p className="lede">How movies compare with their neighbours, what the data set holds, and how well each model does.</p>
      </header>
      <nav className="tabs" aria-label="Analytics views">
        {TABS.map((t) => (
          <NavLink key={t.to} to={t.to} end={t.end} className="tab">
            {t.label}
          </NavLink>
        ))}
      </nav>
      <Outlet />
    </div>
  );
}
