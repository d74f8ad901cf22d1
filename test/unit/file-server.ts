import { createHash } from "node:crypto";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { buffer } from "node:stream/consumers";
import yazl from "yazl";

/** A loopback HTTP server for download tests: serves bodies by path, 404 for anything else, and records every path asked for. */
export class FileServer {
  readonly routes = new Map<string, Buffer | string>();
  readonly requests: string[] = [];
  private readonly server = createServer((req, res) => {
    this.requests.push(req.url ?? "");
    const body = this.routes.get(req.url ?? "");
    if (body === undefined) res.writeHead(404, "Not Found").end();
    else res.writeHead(200, { "content-length": Buffer.byteLength(body) }).end(body);
  });

  /** `http://127.0.0.1:<port>`, once started. */
  get origin(): string {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  start(): Promise<void> {
    return new Promise((resolve) => this.server.listen(0, "127.0.0.1", resolve));
  }

  close(): Promise<void> {
    return new Promise((resolve) => this.server.close(() => resolve()));
  }

  /** Forgets the routes and the requests, between tests. */
  reset(): void {
    this.routes.clear();
    this.requests.length = 0;
  }
}

export async function zipOf(files: Record<string, Buffer | string>): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const [path, content] of Object.entries(files)) zip.addBuffer(Buffer.from(content), path);
  zip.end();
  return buffer(zip.outputStream);
}

export function digest(algorithm: "md5" | "sha256", data: Buffer): string {
  return createHash(algorithm).update(data).digest("hex");
}

/** A loopback port nothing listens on: a server out of reach. */
export async function closedPort(): Promise<number> {
  const closed = createServer();
  await new Promise<void>((resolve) => closed.listen(0, "127.0.0.1", resolve));
  const { port } = closed.address() as AddressInfo;
  await new Promise<void>((resolve) => closed.close(() => resolve()));
  return port;
}
