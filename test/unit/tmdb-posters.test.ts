import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { TmdbPosters } from "../../src/posters/tmdb-posters.js";

const CONFIG = { apiKey: "0123456789abcdef0123", apiUrl: "https://tmdb.test/3", imageUrl: "https://img.test/t/p/w342" };

function recordingFetch(respond: (url: URL) => Response | Promise<Response>) {
  const calls: Array<{ url: URL; headers: Record<string, string> }> = [];
  const impl = (async (input: URL, init?: RequestInit) => {
    calls.push({ url: input, headers: init?.headers as Record<string, string> });
    return respond(input);
  }) as unknown as typeof fetch;
  return { calls, impl };
}

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });

describe("TMDB posters", () => {
  it("builds the image URL from the poster path and asks TMDB once per movie", async () => {
    const { calls, impl } = recordingFetch(() => json({ poster_path: "/abc.jpg" }));
    const posters = new TmdbPosters(CONFIG, createLogger("silent"), impl);
    expect(await posters.posterUrl(862)).toBe("https://img.test/t/p/w342/abc.jpg");
    expect(await posters.posterUrl(862)).toBe("https://img.test/t/p/w342/abc.jpg");
    expect(calls).toHaveLength(1);
    expect(calls[0].url.pathname).toBe("/3/movie/862");
    expect(calls[0].url.searchParams.get("api_key")).toBe(CONFIG.apiKey);
    expect(calls[0].headers.authorization).toBeUndefined();
  });

  it("sends a v4 read access token as a bearer, not in the URL", async () => {
    const token = "eyJhbGciOiJIUzI1NiJ9.eyJhdWQiOiJ4In0.c2lnbmF0dXJl";
    const { calls, impl } = recordingFetch(() => json({ poster_path: "/x.jpg" }));
    await new TmdbPosters({ ...CONFIG, apiKey: token }, createLogger("silent"), impl).posterUrl(1);
    expect(calls[0].headers.authorization).toBe(`Bearer ${token}`);
    expect(calls[0].url.searchParams.has("api_key")).toBe(false);
  });

  it("remembers that a movie has no poster", async () => {
    const { calls, impl } = recordingFetch(() => json({ poster_path: null }));
    const posters = new TmdbPosters(CONFIG, createLogger("silent"), impl);
    expect(await posters.posterUrl(5)).toBeNull();
    expect(await posters.posterUrl(5)).toBeNull();
    expect(calls).toHaveLength(1);
  });

  it("treats an unknown movie as posterless", async () => {
    const { impl } = recordingFetch(() => json({ status_message: "not found" }, 404));
    expect(await new TmdbPosters(CONFIG, createLogger("silent"), impl).posterUrl(9)).toBeNull();
  });

  it("answers null on errors and asks again next time", async () => {
    let attempt = 0;
    const { calls, impl } = recordingFetch(() => {
      attempt += 1;
      if (attempt === 1) throw new TypeError("network down");
      if (attempt === 2) return json({ status_message: "rate limited" }, 429);
      return json({ poster_path: "/later.jpg" });
    });
    const posters = new TmdbPosters(CONFIG, createLogger("silent"), impl);
    expect(await posters.posterUrl(7)).toBeNull();
    expect(await posters.posterUrl(7)).toBeNull();
    expect(await posters.posterUrl(7)).toBe("https://img.test/t/p/w342/later.jpg");
    expect(calls).toHaveLength(3);
  });

  it("ignores a poster path that is not a path", async () => {
    const { impl } = recordingFetch(() => json({ poster_path: "https://evil.test/x.jpg" }));
    expect(await new TmdbPosters(CONFIG, createLogger("silent"), impl).posterUrl(3)).toBeNull();
  });
});
