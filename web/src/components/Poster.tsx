import type { CSSProperties } from "react";
import { hueOf, initials, naturalTitle } from "../lib/format";

interface Props {
  title: string;
  posterUrl: string | null | undefined;
  size?: "small" | "large";
}

/**
 * The TMDB poster when the server has a key for it, otherwise a placeholder
 * drawn in CSS from the title, so nothing is fetched from elsewhere.
 * Decorative next to the title, hence the empty alt text.
 */
export function Poster({ title, posterUrl, size = "small" }: Props) {
  if (posterUrl) {
    return <img className={`poster poster-${size}`} src={posterUrl} alt="" loading="lazy" />;
  }
  const style = { "--poster-hue": hueOf(title) } as CSSProperties;
  return (
    <div className={`poster poster-${size} poster-placeholder`} style={style} aria-hidden="true">
      <span className="poster-initials">{initials(title)}</span>
      {size === "large" && <span className="poster-title">{naturalTitle(title)}</span>}
    </div>
  );
}
