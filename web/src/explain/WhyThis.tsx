import { useId, useState } from "react";
import { Explanation } from "./Explanation";
import type { Audience } from "./explain.queries";

interface Props {
  audience: Audience;
  movieId: string;
  title: string;
}

/** A disclosure: the explanation is fetched the first time it is opened and kept in the cache after. */
export function WhyThis({ audience, movieId, title }: Props) {
  const [open, setOpen] = useState(false);
  const panelId = useId();
  return (
    <div className="why">
      <button type="button" className="button button-small button-quiet" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
        {open ? "Hide why" : "Why this?"}
        <span className="sr-only"> {title}</span>
      </button>
      <div id={panelId} hidden={!open}>
        {open && <Explanation audience={audience} movieId={movieId} />}
      </div>
    </div>
  );
}
