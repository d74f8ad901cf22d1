import { Transform, type TransformCallback } from "node:stream";

/**
 * Turns CRLF into LF before CSV parsing. csv-parse counts the CR and the LF of
 * a line break inside a quoted field as two lines, so without this every error
 * after such a field would name the wrong line.
 */
export class CrlfToLf extends Transform {
  private pendingCr = false;

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    let text = chunk.toString("latin1");
    if (this.pendingCr) text = `\r${text}`;
    this.pendingCr = text.endsWith("\r");
    if (this.pendingCr) text = text.slice(0, -1);
    done(null, Buffer.from(text.replace(/\r\n/g, "\n"), "latin1"));
  }

  override _flush(done: TransformCallback): void {
    done(null, this.pendingCr ? Buffer.from("\r", "latin1") : null);
  }
}
