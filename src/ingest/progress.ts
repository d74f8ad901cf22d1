import cliProgress from "cli-progress";

/** Reports one stage of a load; the CLI picks a bar on a terminal and plain lines otherwise. */
export interface StageProgress {
  tick(rows: number): void;
  done(): void;
}

export interface ProgressReporter {
  stage(name: string, total?: number): StageProgress;
}

export const silentProgress: ProgressReporter = {
  stage: () => ({ tick: () => undefined, done: () => undefined }),
};

/** A bar with rows/s and ETA, for an interactive terminal. */
export function barProgress(stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  return {
    stage(name, total) {
      const started = Date.now();
      const bar = new cliProgress.SingleBar(
        {
          stream,
          format: total
            ? `${name.padEnd(16)} {bar} {percentage}% | {value}/{total} rows | {rate} rows/s | ETA {eta_formatted}`
            : `${name.padEnd(16)} {value} rows | {rate} rows/s`,
          hideCursor: true,
          etaBuffer: 50,
        },
        cliProgress.Presets.shades_classic,
      );
      bar.start(total ?? 0, 0, { rate: 0 });
      let value = 0;
      return {
        tick(rows) {
          value += rows;
          bar.update(value, { rate: rate(value, started) });
        },
        done() {
          bar.update(value, { rate: rate(value, started) });
          bar.stop();
        },
      };
    },
  };
}

/** One line every few seconds and one at the end, for logs and CI. */
export function lineProgress(write: (line: string) => void, everyMs = 5000): ProgressReporter {
  return {
    stage(name, total) {
      const started = Date.now();
      let value = 0;
      let last = started;
      const line = (final: boolean) => {
        const of = total ? `/${total}` : "";
        const seconds = ((Date.now() - started) / 1000).toFixed(1);
        write(`${name}: ${value}${of} rows, ${rate(value, started)} rows/s, ${seconds}s${final ? " (done)" : ""}`);
      };
      return {
        tick(rows) {
          value += rows;
          const now = Date.now();
          if (now - last >= everyMs) {
            last = now;
            line(false);
          }
        },
        done: () => line(true),
      };
    },
  };
}

function rate(rows: number, started: number): number {
  const seconds = (Date.now() - started) / 1000;
  return seconds > 0 ? Math.round(rows / seconds) : 0;
}

/** Per-epoch reporting of a model being fit: a live line with the latest loss on a terminal, one line per epoch elsewhere. */
export interface EpochProgress {
  epoch(model: string, epoch: number, loss: number, seconds: number): void;
  done(): void;
}

export function epochProgress(interactive: boolean, write: (line: string) => void, stream: NodeJS.WriteStream = process.stderr): EpochProgress {
  if (!interactive) {
    return {
      epoch: (model, epoch, loss, seconds) => write(`  ${model} epoch ${epoch}: loss ${loss.toPrecision(6)} (${seconds.toFixed(2)}s)`),
      done: () => undefined,
    };
  }
  let bar: cliProgress.SingleBar | undefined;
  let current = "";
  return {
    epoch(model, epoch, loss, seconds) {
      if (model !== current) {
        bar?.stop();
        current = model;
        bar = new cliProgress.SingleBar(
          { stream, format: `${model.padEnd(12)} epoch {value} | loss {loss} | last epoch {seconds}s`, hideCursor: true },
          cliProgress.Presets.shades_classic,
        );
        bar.start(0, 0, { loss: "", seconds: "" });
      }
      bar?.update(epoch, { loss: loss.toPrecision(6), seconds: seconds.toFixed(2) });
    },
    done() {
      bar?.stop();
      bar = undefined;
      current = "";
    },
  };
}

/** Bars on a terminal; one line per stage when stderr is a file or a pipe (CI logs), where bars would be noise. */
export function terminalProgress(): ProgressReporter {
  return process.stderr.isTTY ? barProgress() : lineProgress((line) => console.error(line));
}
