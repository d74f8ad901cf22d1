import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";

export interface NumberedLine {
  text: string;
  /** 1-based, as an editor shows it. */
  line: number;
}

/**
 * Streams a text file line by line with bounded memory. readline drops the
 * "\r" of CRLF endings, which GroupLens uses in every release.
 */
export async function* readLines(path: string, encoding: BufferEncoding = "utf8"): AsyncGenerator<NumberedLine> {
  const input = createReadStream(path, { encoding, highWaterMark: 1 << 20 });
  const reader = createInterface({ input, crlfDelay: Infinity });
  let line = 0;
  try {
    for await (const text of reader) {
      line += 1;
      if (line === 1 && text.charCodeAt(0) === 0xfeff) {
        yield { text: text.slice(1), line };
      } else {
        yield { text, line };
      }
    }
  } finally {
    reader.close();
    input.destroy();
  }
}
