import { readdirSync, readFileSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { CYPHER_DIR } from "../paths.js";

/**
 * Names of the Cypher files the code uses. Modules declare theirs at import
 * time with `cypher("load/movies")`, so opening the database can check that
 * every one exists before any request or load runs.
 */
const declared = new Set<string>();

export type QueryName = string & { readonly __query: unique symbol };

export function cypher(name: string): QueryName {
  declared.add(name);
  return name as QueryName;
}

/** Every `cypher/**\/*.cypher` file, keyed by path without extension ("schema/movie-id"). */
export class QueryRegistry {
  private constructor(private readonly texts: ReadonlyMap<string, string>) {}

  /** Later folders may add names (tests add their own checks) but not redefine one. */
  static load(dirs: string[] = [CYPHER_DIR]): QueryRegistry {
    const texts = new Map<string, string>();
    for (const dir of dirs) {
      QueryRegistry.readFolder(dir, texts);
    }
    const registry = new QueryRegistry(texts);
    registry.assertDeclaredExist();
    return registry;
  }

  private static readFolder(dir: string, texts: Map<string, string>): void {
    const walk = (folder: string): void => {
      for (const entry of readdirSync(folder, { withFileTypes: true })) {
        const path = join(folder, entry.name);
        if (entry.isDirectory()) walk(path);
        else if (entry.name.endsWith(".cypher")) {
          const name = relative(dir, path).split(sep).join("/").replace(/\.cypher$/, "");
          if (texts.has(name)) throw new Error(`Two Cypher files are named ${name} (in ${dir})`);
          texts.set(name, readFileSync(path, "utf8").trim());
        }
      }
    };
    walk(dir);
  }

  get(name: QueryName | string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`No Cypher file cypher/${name}.cypher`);
    return text;
  }

  /** Names under a folder, sorted, e.g. all schema statements. */
  under(prefix: string): string[] {
    return [...this.texts.keys()].filter((n) => n.startsWith(`${prefix}/`)).sort();
  }

  private assertDeclaredExist(): void {
    const missing = [...declared].filter((name) => !this.texts.has(name));
    if (missing.length > 0) {
      throw new Error(`Missing Cypher files: ${missing.map((n) => `cypher/${n}.cypher`).join(", ")}`);
    }
  }
}
