import { useEffect } from "react";

/** Page titles tell screen-reader users and tab bars where they are after client-side navigation. */
export function useDocumentTitle(title: string | null | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · cinegraph` : "cinegraph";
  }, [title]);
}
