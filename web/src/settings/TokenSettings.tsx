import { useEffect, useId, useRef, useState } from "react";
import { saveToken } from "./token-store";
import { useToken } from "./useToken";

/** A disclosure in the header where the API token for writes is pasted, saved or removed. */
export function TokenSettings() {
  const token = useToken();
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState("");
  const panelId = useId();
  const input = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  return (
    <div className="settings">
      <button type="button" className="button button-small button-quiet" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        <span className={token ? "dot dot-on" : "dot"} aria-hidden="true" />
        API token<span className="sr-only">{token ? " (set)" : " (not set)"}</span>
      </button>
      <div
        id={panelId}
        className="settings-panel card"
        hidden={!open}
        onKeyDown={(e) => {
          if (e.key === "Escape") setOpen(false);
        }}
      >
        <form
          onSubmit={(e) => {
            e.preventDefault();
            saveToken(draft.trim() || null);
            setDraft("");
            setOpen(false);
          }}
        >
          <label className="field-label" htmlFor={`${panelId}-token`}>
            API token
          </label>
          <input
            ref={input}
            id={`${panelId}-token`}
            className="input"
            type="password"
            autoComplete="off"
            placeholder={token ? "•••••••• (saved)" : "the server's API_TOKEN"}
            value={draft}
            onChange={(e) => setDraft(e.target.value)}
          />
          <p className="muted small">
            Ratings need it. It is kept in this browser (localStorage) and sent as <code>Authorization: Bearer …</code> to this server only.
          </p>
          <div className="button-row">
            <button type="submit" className="button button-primary button-small" disabled={!draft.trim()}>
              Save
            </button>
            {token && (
              <button
                type="button"
                className="button button-small"
                onClick={() => {
                  saveToken(null);
                  setOpen(false);
                }}
              >
                Remove token
              </button>
            )}
          </div>
        </form>
      </div>
    </div>
  );
}
