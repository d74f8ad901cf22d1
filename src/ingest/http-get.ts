import { createHash } from "node:crypto";
import { createWriteStream } from "node:fs";
import { Readable, Transform } from "node:stream";
import type { ReadableStream as WebReadableStream } from "node:stream/web";
import { pipeline } from "node:stream/promises";
import { LoadError } from "./load-error.js";

/**
 * The server never answered: no route, no DNS, refused or reset before an
 * HTTP status. Kept apart from HTTP errors so a caller can try another
 * source when one host is out of reach, but not when it answers with an error.
 */
export class UnreachableError extends LoadError {}

/** Bytes received so far, and the total when the server sends a length. */
export type ProgressCallback = (bytes: number, total?: number) => void;

/** A successful response with a body, or a LoadError that names the URL. */
export async function httpGet(fetchImpl: typeof fetch, url: string): Promise<Response> {
  let response: Response;
  try {
    response = await fetchImpl(url);
  } catch (error) {
    // fetch reports network failures as "fetch failed" and keeps the reason (ENOTFOUND, ECONNREFUSED…) in cause.
    const reason = (error as Error).cause instanceof Error ? ((error as Error).cause as Error).message : (error as Error).message;
    throw new UnreachableError(`could not download ${url} (${reason}); check the network connection`);
  }
  if (!response.ok || !response.body) {
    await response.body?.cancel();
    throw new LoadError(`could not download ${url}: HTTP ${response.status} ${response.statusText}`.trimEnd());
  }
  return response;
}

/**
 * Streams the body to a file and returns its hex digest, hashing on the way
 * so a download is never read twice or held in memory.
 */
export async function saveWithDigest(
  response: Response,
  path: string,
  url: string,
  algorithm: "md5" | "sha256",
  onProgress?: ProgressCallback,
): Promise<string> {
  const length = Number(response.headers.get("content-length"));
  const total = Number.isFinite(length) && length > 0 ? length : undefined;
  const hash = createHash(algorithm);
  let bytes = 0;
  const meter = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      hash.update(chunk);
      bytes += chunk.length;
      onProgress?.(bytes, total);
      done(null, chunk);
    },
  });
  try {
    await pipeline(Readable.fromWeb(response.body as WebReadableStream<Uint8Array>), meter, createWriteStream(path));
  } catch (error) {
    throw new LoadError(`download of ${url} broke off after ${bytes} bytes (${(error as Error).message}); try again`);
  }
  return hash.digest("hex");
}
