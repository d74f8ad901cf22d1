import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { Command, InvalidArgumentError, Option } from "commander";
import { EvaluationStore } from "../../models/eval/evaluation-store.js";
import { htmlReport } from "../../models/eval/report/html-report.js";
import { crossValidationTable, metricsTable } from "../../models/eval/report/table.js";
import { runEvaluation, type SplitKind } from "../../models/eval/run-evaluation.js";
import type { ModelKind } from "../../models/model.js";
import { DEFAULT_KINDS } from "../../models/registry.js";
import { loadContentFeatures, loadTrainingData } from "../../models/store/training-data.js";
import { openDatabase } from "../../runtime.js";
import { commandContext } from "../context.js";
import { integer, positiveInt } from "./options.js";
import { modelList } from "./train.command.js";

interface EvaluateCommandOptions {
  model: ModelKind[];
  split: SplitKind;
  k: number;
  relevance: string;
  folds: number;
  perUser: number;
  seed: number;
  report: string;
  json: boolean;
  save: boolean;
}

function relevance(value: string): string {
  if (value === "any" || Number.isFinite(Number(value))) return value;
  throw new InvalidArgumentError('expected a rating such as 4, or "any"');
}

export function evaluateCommand(): Command {
  return new Command("evaluate")
    .description("compare models against the popularity and bias baselines on a split of the ratings in the graph")
    .option("--model <list>", "comma-separated models", modelList, [...DEFAULT_KINDS])
    .addOption(new Option("--split <kind>", "random 80/20, temporal leave-last-N-out, k-fold, or the Recommenders stratified 75/25").choices(["random", "temporal", "kfold", "stratified"]).default("random"))
    .option("--k <n>", "cut-off of the ranking metrics", positiveInt, 10)
    .option("--relevance <rating|any>", 'held-out ratings at least this high are relevant ("any": every held-out item; default for --split stratified)', relevance)
    .option("--folds <n>", "folds of --split kfold", positiveInt, 5)
    .option("--per-user <n>", "ratings per user held out by --split temporal", positiveInt, 5)
    .option("--seed <n>", "seed of the split and of the models", integer, 42)
    .option("--report <file>", "where to write the HTML report", "reports/evaluation.html")
    .option("--json", "print the results as JSON", false)
    .option("--save", "store each model's numbers in the graph (the API's ModelInfo.evaluation, the web app's models tab)", false)
    .action(async (options: EvaluateCommandOptions, command: Command) => {
      const { config, logger } = commandContext(command);
      const db = await openDatabase(config, logger);
      const say = options.json ? () => undefined : (line: string) => console.error(line);
      try {
        say("reading ratings from the graph");
        const data = await loadTrainingData(db);
        const content = options.model.some((k) => k === "content" || k === "hybrid") ? await loadContentFeatures(db, data.items) : undefined;
        const rel = options.relevance ?? (options.split === "stratified" ? "any" : "4");
        say(`evaluating ${options.model.join(", ")} on a ${options.split} split`);
        const run = await runEvaluation(data, content, {
          kinds: options.model,
          split: options.split,
          k: options.k,
          relevance: rel === "any" ? "any" : { minRating: Number(rel) },
          folds: options.folds,
          perUser: options.perUser,
          splitSeed: options.seed,
          seed: options.seed,
        });
        if (options.save) {
          await new EvaluationStore(db).save(run, options.split, data.fingerprint);
          say(`stored the evaluation of ${run.result.models.map((m) => m.name).join(", ")}`);
        }
        const report = resolve(options.report);
        mkdirSync(dirname(report), { recursive: true });
        writeFileSync(
          report,
          htmlReport(run.result, {
            title: "Model evaluation",
            subtitle: `${data.interactions.users.length} ratings, ${options.split} split, K = ${options.k}`,
            crossValidation: run.crossValidation,
          }),
        );
        if (options.json) {
          console.log(JSON.stringify({ split: options.split, result: run.result, crossValidation: run.crossValidation }, null, 2));
        } else {
          console.log(run.crossValidation ? crossValidationTable(run.crossValidation) : metricsTable(run.result));
          console.log(`report: ${report}`);
        }
      } finally {
        await db.close();
      }
    });
}
