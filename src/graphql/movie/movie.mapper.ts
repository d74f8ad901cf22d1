import type { MovieRow } from "./movie.service.js";
import { Movie } from "./movie.type.js";

export function toMovie(row: MovieRow): Movie {
  return Object.assign(new Movie(), {
    id: String(row.id),
    title: row.title,
    year: row.year,
    genres: [...row.genres].sort(),
    ratingCount: row.ratingCount,
    averageRating: row.averageRating,
    imdbId: row.imdbId,
    tmdbId: row.tmdbId,
  });
}
