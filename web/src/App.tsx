import { lazy } from "react";
import { Route, Routes } from "react-router";
import { Layout } from "./Layout";
import { NotFound } from "./NotFound";
import { SearchPage } from "./search/SearchPage";

// Pages load on first visit; search, the landing page, comes with the app.
const MoviePage = lazy(() => import("./movie/MoviePage").then((m) => ({ default: m.MoviePage })));
const UsersPage = lazy(() => import("./user/UsersPage").then((m) => ({ default: m.UsersPage })));
const UserPage = lazy(() => import("./user/UserPage").then((m) => ({ default: m.UserPage })));
const VisitorPage = lazy(() => import("./visitor/VisitorPage").then((m) => ({ default: m.VisitorPage })));
const AnalyticsPage = lazy(() => import("./analytics/AnalyticsPage").then((m) => ({ default: m.AnalyticsPage })));
const CompareView = lazy(() => import("./analytics/CompareView").then((m) => ({ default: m.CompareView })));
const DatasetView = lazy(() => import("./analytics/DatasetView").then((m) => ({ default: m.DatasetView })));
const ModelsView = lazy(() => import("./analytics/ModelsView").then((m) => ({ default: m.ModelsView })));

export function App() {
  return (
    <Routes>
      <Route element={<Layout />}>
        <Route index element={<SearchPage />} />
        <Route path="movies/:id" element={<MoviePage />} />
        <Route path="users" element={<UsersPage />} />
        <Route path="users/:id" element={<UserPage />} />
        <Route path="visitor" element={<VisitorPage />} />
        <Route path="analytics" element={<AnalyticsPage />}>
          <Route index element={<CompareView />} />
          <Route path="dataset" element={<DatasetView />} />
          <Route path="models" element={<ModelsView />} />
        </Route>
        <Route path="*" element={<NotFound />} />
      </Route>
    </Routes>
  );
}
