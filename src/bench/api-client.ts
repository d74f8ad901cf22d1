/** A GraphQL response as it came over HTTP. */
export interface GraphQLReply {
  status: number;
  /** The parsed body, or undefined when it was not JSON. */
  json: { data?: Record<string, unknown> | null; errors?: Array<{ message?: string; extensions?: { code?: string } }> } | undefined;
  text: string;
}

/** Sends one operation the way the load generator does (POST, JSON body), outside the timed runs. */
export async function postGraphQL(url: string, body: string): Promise<GraphQLReply> {
  const response = await fetch(url, { method: "POST", headers: { "content-type": "application/json" }, body });
  const text = await response.text();
  let json: GraphQLReply["json"];
  try {
    json = JSON.parse(text) as GraphQLReply["json"];
  } catch {
    json = undefined;
  }
  return { status: response.status, json, text };
}

/** Sends an operation with variables. */
export function query(url: string, operation: string, variables: Record<string, unknown> = {}): Promise<GraphQLReply> {
  return postGraphQL(url, JSON.stringify({ query: operation, variables }));
}

/** The first error of a reply in a line, or undefined when it succeeded. */
export function replyProblem(reply: GraphQLReply): string | undefined {
  if (reply.status < 200 || reply.status >= 300) return `HTTP ${reply.status}: ${reply.text.slice(0, 200)}`;
  if (!reply.json) return `not JSON: ${reply.text.slice(0, 200)}`;
  const error = reply.json.errors?.[0];
  if (error) return `${error.extensions?.code ?? "ERROR"}: ${error.message ?? "(no message)"}`;
  if (!reply.json.data) return "no data";
  return undefined;
}

/** The API's health URL next to its GraphQL endpoint. */
export function healthUrl(graphqlUrl: string): string {
  return new URL("/health/ready", graphqlUrl).href;
}
