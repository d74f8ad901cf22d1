import { pino, type Logger } from "pino";

export type { Logger };

/** JSON lines on stderr, so stdout stays free for command output (tables, --json). */
export function createLogger(level: string): Logger {
  return pino({ level, base: undefined, timestamp: pino.stdTimeFunctions.isoTime }, pino.destination(2));
}
