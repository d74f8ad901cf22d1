import type { ApolloServerPlugin } from "@apollo/server";
import { maxAliasesRule } from "@escape.tech/graphql-armor-max-aliases";
import { maxDepthRule } from "@escape.tech/graphql-armor-max-depth";
import { GraphQLError, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule } from "graphql";
import { getComplexity, type ComplexityEstimatorArgs } from "graphql-query-complexity";
import { LruCache } from "../../common/lru-cache.js";
import { costVariables } from "./cost-variables.js";

/** Deep enough for an explanation path's nodes inside a user's recommendations, not for recursion through `similar`. */
export const MAX_DEPTH = 12;
export const MAX_ALIASES = 20;
/** Generous for real clients: the web app's largest operation costs 450, and a test keeps every one under a quarter of this. */
export const MAX_COMPLEXITY = 20_000;

/**
 * What a field costs beyond its children, for the fields that run a model or
 * a path search rather than a batched lookup.
 */
const FIELD_COST: Record<string, number> = {
  "Query.recommendations": 20,
  "Query.recommendationsFor": 20,
  "User.recommendations": 20,
  "Query.similarMovies": 10,
  "Movie.similar": 10,
  "Query.explain": 50,
  "Query.explainFor": 50,
  "Recommendation.explanation": 50,
  "Query.movies": 10,
  "Query.stats": 20,
};

/**
 * A field costs its own price plus its children's, times `first` when it
 * returns a page: so `similar(first: 100) { similar(first: 100) }` is priced
 * at the 10,000 lookups it would run.
 */
export function fieldCost({ type, field, args, childComplexity }: ComplexityEstimatorArgs): number {
  const own = FIELD_COST[`${type.name}.${field.name}`] ?? 1;
  const first = typeof args.first === "number" && args.first > 0 ? args.first : 1;
  return own + childComplexity * first;
}

/**
 * Depth and alias limits, checked with the rest of validation before anything
 * runs. The rules would throw (their default, meant for envelop), which Apollo
 * turns into an internal error; reported instead, they come back as
 * validation errors. Their "Syntax Error:" prefix is dropped: it is not one.
 */
export function limitRules(): ValidationRule[] {
  const report = { propagateOnRejection: false, onReject: [reportRejection] };
  return [maxDepthRule({ n: MAX_DEPTH, ...report }), maxAliasesRule({ n: MAX_ALIASES, ...report })] as ValidationRule[];
}

function reportRejection(context: ValidationContext | null, error: GraphQLError): void {
  context?.reportError(new GraphQLError(error.message.replace(/^Syntax Error: /, "")));
}

/** Costs remembered per query text, for the values of its cost variables (a page size or two, usually). */
const COSTS_KEPT_PER_DOCUMENT = 64;

type Pricing = (schema: GraphQLSchema, document: DocumentNode, operationName: string | undefined, variables: Record<string, unknown> | undefined) => number | undefined;

/**
 * Prices operations, remembering each cost per document and the variables it
 * depends on (costVariables): computing one walks the whole operation against
 * the schema, as much work as serving a cached recommendation list. Undefined
 * for variables that do not fit their types, which execution refuses next as
 * BAD_USER_INPUT.
 */
function rememberedPricing(): Pricing {
  const costs = new WeakMap<DocumentNode, LruCache<string, number>>();
  return (schema, document, operationName, variables) => {
    let known = costs.get(document);
    if (!known) costs.set(document, (known = new LruCache(COSTS_KEPT_PER_DOCUMENT)));
    const key = JSON.stringify([operationName ?? null, ...costVariables(document).map((name) => variables?.[name] ?? null)]);
    const remembered = known.get(key);
    if (remembered !== undefined) return remembered;
    let cost: number;
    try {
      cost = getComplexity({ schema, query: document, operationName, variables, estimators: [fieldCost] });
    } catch (error) {
      if (error instanceof GraphQLError) return undefined;
      throw error;
    }
    known.set(key, cost);
    return cost;
  };
}

/** Refuses an operation whose cost exceeds MAX_COMPLEXITY once its variables are known, before any resolver runs. */
export function complexityPlugin(): ApolloServerPlugin {
  const price = rememberedPricing();
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ request, document, schema }) {
          const cost = price(schema, document, request.operationName, request.variables);
          if (cost === undefined || cost <= MAX_COMPLEXITY) return;
          throw new GraphQLError(`The query is too complex: it would cost ${cost}, the limit is ${MAX_COMPLEXITY}; ask for smaller pages or fewer nested lists`, {
            extensions: { code: "GRAPHQL_VALIDATION_FAILED", cost, limit: MAX_COMPLEXITY, http: { status: 400 } },
          });
        },
      };
    },
  };
}
