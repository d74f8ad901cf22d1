import { loadConfig, type Config } from "../config.js";
import { silentProgress, terminalProgress, type ProgressReporter } from "../ingest/progress.js";
import { createLogger, type Logger } from "../logger.js";

export interface BenchOutput {
  config: Config;
  logger: Logger;
  /** A line for the person watching; nothing with --json, whose stdout is the result alone. */
  say: (line: string) => void;
  progress: ProgressReporter;
}

/** What every benchmark script sets up first: configuration, and output that stays quiet under --json. */
export function benchOutput(json: boolean): BenchOutput {
  const config = loadConfig();
  return {
    config,
    logger: createLogger(json ? "warn" : config.logLevel),
    say: (line) => {
      if (!json) console.error(line);
    },
    progress: json ? silentProgress : terminalProgress(),
  };
}
