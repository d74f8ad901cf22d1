// The API token lives in localStorage so it survives reloads; the Apollo link
// reads it per request and React components subscribe to changes.

const KEY = "cinegraph.apiToken";
const listeners = new Set<() => void>();

export function readToken(): string | null {
  try {
    return localStorage.getItem(KEY);
  } catch {
    // Storage can be disabled (privacy modes); the app then works without writes.
    return null;
  }
}

export function saveToken(token: string | null): void {
  try {
    if (token) localStorage.setItem(KEY, token);
    else localStorage.removeItem(KEY);
  } finally {
    listeners.forEach((notify) => notify());
  }
}

export function subscribeToken(listener: () => void): () => void {
  listeners.add(listener);
  const fromOtherTab = (event: StorageEvent) => {
    if (event.key === KEY) listener();
  };
  window.addEventListener("storage", fromOtherTab);
  return () => {
    listeners.delete(listener);
    window.removeEventListener("storage", fromOtherTab);
  };
}
