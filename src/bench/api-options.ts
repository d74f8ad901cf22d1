import { InvalidArgumentError } from "commander";
import { STRATEGY_MODELS, type Strategy } from "../recommend/recommendation.service.js";
import { REQUEST_KINDS, SCENARIOS, type Mix, type RequestKind, type ScenarioName } from "./api-workload.js";

/** `--scenarios recommendations,explain`: known names, each once, in the order given. */
export function parseScenarios(value: string): ScenarioName[] {
  const names = value.split(",").map((v) => v.trim()).filter(Boolean);
  if (names.length === 0) throw new InvalidArgumentError(`expected some of ${SCENARIOS.join(", ")}`);
  for (const name of names) {
    if (!(SCENARIOS as readonly string[]).includes(name)) throw new InvalidArgumentError(`unknown scenario "${name}"; expected ${SCENARIOS.join(", ")}`);
  }
  return [...new Set(names)] as ScenarioName[];
}

/** `--strategy als`: any of the API's Strategy values, in any case. */
export function parseStrategy(value: string): Strategy {
  const upper = value.trim().toUpperCase();
  if (!(upper in STRATEGY_MODELS)) throw new InvalidArgumentError(`unknown strategy "${value}"; expected ${Object.keys(STRATEGY_MODELS).join(", ")}`);
  return upper as Strategy;
}

/** `--mix recommendations=60,similar=25,explain=10,search=5`: kinds left out get weight 0. */
export function parseMix(value: string): Mix {
  const mix: Mix = { recommendations: 0, similar: 0, explain: 0, search: 0 };
  for (const part of value.split(",").map((p) => p.trim()).filter(Boolean)) {
    const match = /^([a-z]+)=(\d+)$/.exec(part);
    if (!match || !(REQUEST_KINDS as readonly string[]).includes(match[1])) {
      throw new InvalidArgumentError(`"${part}" is not kind=weight with kind one of ${REQUEST_KINDS.join(", ")}`);
    }
    mix[match[1] as RequestKind] = Number(match[2]);
  }
  if (Object.values(mix).every((w) => w === 0)) throw new InvalidArgumentError("the mix needs a positive weight");
  return mix;
}

/** `--url http://host:port/graphql`: an http(s) URL to a GraphQL endpoint. */
export function parseUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new InvalidArgumentError(`not a URL: ${value}`);
  }
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new InvalidArgumentError(`expected http:// or https://, got ${url.protocol}`);
  if (url.pathname === "/") url.pathname = "/graphql";
  return url.href;
}

/** `--duration 10`: whole seconds, at least 1. */
export function parseSeconds(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError("expected a whole number of seconds, at least 1");
  return n;
}

/** `--warmup 3`: whole seconds, 0 to skip. */
export function parseWarmup(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number of seconds, 0 or more");
  return n;
}

/** `--rate 1000`: whole requests per second, 0 to skip the held run. */
export function parseRate(value: string): number {
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError("expected a whole number of requests per second, 0 or more");
  return n;
}
