import { LruCache } from "../common/lru-cache.js";
import type { TmdbConfig } from "../config.js";
import type { Logger } from "../logger.js";

/** Posters change rarely; this bounds memory while keeping a browsing session's movies. */
const CACHE_SIZE = 5_000;
const TIMEOUT_MS = 3_000;

/**
 * Poster URLs from TMDB's movie details endpoint, remembered per TMDB id.
 * A failed or slow call yields null (no poster) and is logged, so TMDB being
 * down never fails a GraphQL request; failures are not cached, so the next
 * request tries again.
 */
export class TmdbPosters {
  private readonly cache = new LruCache<number, string | null>(CACHE_SIZE);

  constructor(
    private readonly config: TmdbConfig,
    private readonly logger: Logger,
    private readonly fetchImpl: typeof fetch = fetch,
  ) {}

  async posterUrl(tmdbId: number): Promise<string | null> {
    if (this.cache.has(tmdbId)) return this.cache.get(tmdbId) ?? null;
    const path = await this.fetchPosterPath(tmdbId);
    if (path === undefined) return null;
    const url = path === null ? null : `${this.config.imageUrl.replace(/\/$/, "")}${path}`;
    this.cache.set(tmdbId, url);
    return url;
  }

  /** The poster path, null when TMDB has none, undefined when asking failed. */
  private async fetchPosterPath(tmdbId: number): Promise<string | null | undefined> {
    const url = new URL(`${this.config.apiUrl.replace(/\/$/, "")}/movie/${tmdbId}`);
    const headers: Record<string, string> = { accept: "application/json" };
    // v4 read access tokens are JWTs sent as a bearer; v3 keys go in the query string.
    if (this.config.apiKey.includes(".")) headers.authorization = `Bearer ${this.config.apiKey}`;
    else url.searchParams.set("api_key", this.config.apiKey);
    try {
      const response = await this.fetchImpl(url, { headers, signal: AbortSignal.timeout(TIMEOUT_MS) });
      if (response.status === 404) return null;
      if (!response.ok) {
        this.logger.warn({ tmdbId, status: response.status }, "TMDB refused a poster lookup");
        return undefined;
      }
      const body = (await response.json()) as { poster_path?: unknown };
      return typeof body.poster_path === "string" && body.poster_path.startsWith("/") ? body.poster_path : null;
    } catch (error) {
      this.logger.warn({ tmdbId, err: error }, "TMDB poster lookup failed");
      return undefined;
    }
  }
}
