// The search lives in the URL (?q=&genre=&from=&to=&sort=) so results can be shared, reloaded and reached with Back.
import type { MovieOrder } from "./search.queries";

export interface SearchState {
  q: string;
  genres: string[];
  from: string;
  to: string;
  sort: MovieOrder;
}

const ORDERS: readonly MovieOrder[] = ["RELEVANCE", "POPULARITY", "NEWEST", "TITLE"];

export function readSearch(params: URLSearchParams): SearchState {
  const sort = ORDERS.find((o) => o === params.get("sort")) ?? "RELEVANCE";
  return { q: params.get("q") ?? "", genres: params.getAll("genre"), from: params.get("from") ?? "", to: params.get("to") ?? "", sort };
}

export function writeSearch(state: SearchState): URLSearchParams {
  const params = new URLSearchParams();
  if (state.q) params.set("q", state.q);
  for (const g of state.genres) params.append("genre", g);
  if (state.from) params.set("from", state.from);
  if (state.to) params.set("to", state.to);
  if (state.sort !== "RELEVANCE") params.set("sort", state.sort);
  return params;
}
