import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** Marks a cache folder as complete; written last, so a folder without it is never used. */
const COMPLETE = ".complete";

/**
 * `<cacheDir>/<entry>/<folder>` when a download finished there, else
 * undefined. Entry names are plain [a-z0-9.-].
 */
export function cachedFolder(cacheDir: string, entry: string, folder: string): string | undefined {
  const target = join(cacheDir, entry);
  return existsSync(join(target, COMPLETE)) && existsSync(join(target, folder)) ? join(target, folder) : undefined;
}

/**
 * Runs `fill` on an empty work folder and, if it returns, marks the folder
 * complete (with `marker` as the marker's text) and moves it to
 * `<cacheDir>/<entry>`, replacing whatever was there. The work folder is
 * removed either way, and so are those of killed earlier runs.
 */
export async function fillCacheEntry(cacheDir: string, entry: string, fill: (work: string, unpacked: string) => Promise<string>): Promise<void> {
  mkdirSync(cacheDir, { recursive: true });
  removeAbandoned(cacheDir, entry);
  // The pid keeps two concurrent downloads of the same entry out of each other's way.
  const work = join(cacheDir, `${entry}.partial-${process.pid}`);
  rmSync(work, { recursive: true, force: true });
  const unpacked = join(work, "unpacked");
  mkdirSync(unpacked, { recursive: true });
  try {
    const marker = await fill(work, unpacked);
    writeFileSync(join(unpacked, COMPLETE), marker);
    const target = join(cacheDir, entry);
    rmSync(target, { recursive: true, force: true });
    renameSync(unpacked, target);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

/** Work folders left by a download that was killed; their process is gone, so nothing else will remove them. */
function removeAbandoned(cacheDir: string, entry: string): void {
  const pattern = new RegExp(`^${entry.replaceAll(".", "\\.")}\\.partial-(\\d+)$`);
  for (const name of readdirSync(cacheDir)) {
    const pid = Number(pattern.exec(name)?.[1]);
    if (pid && !isAlive(pid)) rmSync(join(cacheDir, name), { recursive: true, force: true });
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to another user.
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}
