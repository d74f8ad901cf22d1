import { ApolloClient, ApolloLink, HttpLink } from "@apollo/client";
import { SetContextLink } from "@apollo/client/link/context";
import { createCache } from "./cache";
import { readToken } from "./settings/token-store";

/** Adds the pasted API token as a Bearer header; read per request so a new token applies at once. */
const authLink = new SetContextLink((previous) => {
  const token = readToken();
  return token ? { headers: { ...previous.headers, authorization: `Bearer ${token}` } } : {};
});

export const client = new ApolloClient({
  link: ApolloLink.from([authLink, new HttpLink({ uri: "/graphql" })]),
  cache: createCache(),
  clientAwareness: { name: "cinegraph-web", version: "1" },
});
