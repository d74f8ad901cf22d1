import { useSyncExternalStore } from "react";
import { readToken, subscribeToken } from "./token-store";

/** The API token pasted in the settings, or null. */
export function useToken(): string | null {
  return useSyncExternalStore(subscribeToken, readToken);
}
