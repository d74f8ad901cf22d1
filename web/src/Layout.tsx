import { Suspense } from "react";
import { Link, NavLink, Outlet } from "react-router";
import { Loading } from "./components/Loading";
import { TokenSettings } from "./settings/TokenSettings";

const NAV = [
  { to: "/", label: "Search", end: true },
  { to: "/users", label: "Users", end: false },
  { to: "/visitor", label: "New visitor", end: false },
  { to: "/analytics", label: "Analytics", end: false },
];

export function Layout() {
  return (
    <>
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="site-header">
        <div className="site-header-inner">
          <Link to="/" className="brand">
            <span className="brand-mark" aria-hidden="true" />
            cinegraph
          </Link>
          <nav aria-label="Main" className="site-nav">
            {NAV.map((item) => (
              <NavLink key={item.to} to={item.to} end={item.end} className="nav-link">
                {item.label}
              </NavLink>
            ))}
          </nav>
          <TokenSettings />
        </div>
      </header>
      <main id="main" className="site-main" tabIndex={-1}>
        <Suspense fallback={<Loading />}>
          <Outlet />
        </Suspense>
      </main>
      <footer className="site-footer">
        MovieLens data by GroupLens · <a href="/graphql">GraphQL API</a> · <a href="/health/ready">health</a>
      </footer>
    </>
  );
}
