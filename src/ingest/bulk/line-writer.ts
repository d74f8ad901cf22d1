import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

/**
 * Appends lines to a file through a large buffer, waiting for the stream to
 * drain only when it asks, so millions of small writes stay cheap.
 */
export class LineWriter {
  private readonly stream: WriteStream;
  private buffer = "";
  lines = 0;

  constructor(readonly path: string, header: string) {
    this.stream = createWriteStream(path);
    this.buffer = `${header}\n`;
  }

  /** Returns a promise only when the caller has to wait for the disk. */
  write(line: string): Promise<void> | undefined {
    this.buffer += `${line}\n`;
    this.lines += 1;
    return this.buffer.length >= 1 << 20 ? this.flush() : undefined;
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, "finish");
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = "";
    if (!this.stream.write(chunk)) await once(this.stream, "drain");
  }
}
