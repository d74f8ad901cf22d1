import { Command, InvalidArgumentError } from "commander";
import { DEFAULT_KINDS, isModelKind, MODEL_KINDS } from "../../models/registry.js";
import type { ModelKind } from "../../models/model.js";
import { trainModels } from "../../models/train/trainer.js";
import { epochProgress } from "../../ingest/progress.js";
import { openDatabase } from "../../runtime.js";
import { commandContext } from "../context.js";
import { integer, positiveInt } from "./options.js";

export function modelList(value: string): ModelKind[] {
  const names = value.split(",").map((n) => n.trim());
  const unknown = names.filter((n) => !isModelKind(n));
  if (unknown.length > 0) throw new InvalidArgumentError(`unknown model ${unknown.join(", ")}; known: ${MODEL_KINDS.join(", ")}`);
  return MODEL_KINDS.filter((k) => names.includes(k));
}

interface TrainCommandOptions {
  model: ModelKind[];
  factors?: number;
  epochs?: number;
  seed?: number;
  prune: boolean;
  json: boolean;
}

export function trainCommand(): Command {
  return new Command("train")
    .description("train models from the ratings in the graph and write them back as new active versions")
    .option("--model <list>", `comma-separated models (${MODEL_KINDS.join(", ")})`, modelList, [...DEFAULT_KINDS])
    .option("--factors <n>", "latent factors of MF and ALS", positiveInt)
    .option("--epochs <n>", "epochs of MF and NMF, iterations of ALS", positiveInt)
    .option("--seed <n>", "seed of every model's randomness", integer)
    .option("--prune", "delete the versions the new ones replace", false)
    .option("--json", "print the result as JSON", false)
    .action(async (options: TrainCommandOptions, command: Command) => {
      const { config, logger } = commandContext(command);
      const db = await openDatabase(config, logger);
      const say = options.json ? () => undefined : (line: string) => console.error(line);
      const epochs = epochProgress(!options.json && Boolean(process.stderr.isTTY), say);
      try {
        const trained = await trainModels(db, {
          kinds: options.model,
          factors: options.factors,
          epochs: options.epochs,
          seed: options.seed,
          prune: options.prune,
          onStage: (stage) => {
            epochs.done();
            say(stage);
          },
          onEpoch: (kind, r) => epochs.epoch(kind, r.epoch, r.loss, r.seconds),
        });
        epochs.done();
        const rows = trained.map((t) => ({
          model: t.record.name,
          version: t.record.version,
          epochs: t.epochs.length,
          "fit s": Number(t.fitSeconds.toFixed(2)),
          "write s": Number(t.writeSeconds.toFixed(2)),
          "final loss": t.epochs.at(-1)?.loss ?? null,
        }));
        if (options.json) console.log(JSON.stringify(trained.map((t) => ({ ...t.record, fitSeconds: t.fitSeconds, writeSeconds: t.writeSeconds, epochs: t.epochs })), null, 2));
        else console.table(rows);
      } finally {
        await db.close();
      }
    });
}
