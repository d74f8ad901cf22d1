import { afterAll, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { loadConfig } from "../../src/config.js";
import { Database } from "../../src/db/database.js";
import { wipeGraph } from "../../src/graph/dataset.js";
import { silentProgress } from "../../src/ingest/progress.js";
import { createLogger } from "../../src/logger.js";
import { startService, type RunningService } from "../../src/main.js";
import { DEFAULT_KINDS } from "../../src/models/registry.js";
import { ML_LATEST_SMALL, openTestDatabase } from "./helpers.js";

let db: Database;
let service: RunningService | undefined;

beforeAll(async () => {
  db = await openTestDatabase();
  await wipeGraph(db);
});

afterAll(async () => {
  await service?.shutdown();
  await wipeGraph(db);
  await db.close();
});

describe("what npm start does on an empty graph", () => {
  it("loads the demo data, trains the default models, and serves a ready API", async () => {
    const settings = inject("neo4j");
    const config = loadConfig({
      env: {
        NEO4J_URI: settings.uri,
        NEO4J_PASSWORD: settings.password,
        DEMO_DATA_DIR: ML_LATEST_SMALL,
        PORT: "4987",
      },
    });
    const loaded: number[] = [];
    const trained: string[] = [];
    service = await startService(config, createLogger("silent"), {
      loadDemo: true,
      progress: silentProgress,
      onLoaded: (summary) => loaded.push(summary.counts.ratings),
      onTrained: (models) => trained.push(...models.map((m) => m.record.name)),
    });
    expect(loaded).toEqual([100_836]);
    expect(trained).toEqual([...DEFAULT_KINDS]);
    const ready = await fetch(`${service.url}/health/ready`);
    expect(ready.status).toBe(200);
    const body = (await ready.json()) as { models: Array<{ name: string }> };
    expect(body.models.map((m) => m.name).sort()).toEqual([...DEFAULT_KINDS].sort());
    await service.shutdown();
    service = undefined;
    await expect(fetch(`http://127.0.0.1:${config.server.port}/health/live`)).rejects.toThrow();
  });

  it("fails with the reason when it cannot listen, and closes the connection it opened", async () => {
    const settings = inject("neo4j");
    const close = vi.spyOn(Database.prototype, "close");
    try {
      // 192.0.2.1 is reserved for documentation (RFC 5737): no machine has it, so listening there fails.
      const config = loadConfig({ env: { NEO4J_URI: settings.uri, NEO4J_PASSWORD: settings.password, DEMO_DATA_DIR: ML_LATEST_SMALL, HOST: "192.0.2.1", PORT: "4988" } });
      await expect(startService(config, createLogger("silent"), { loadDemo: false, progress: silentProgress })).rejects.toThrow(/EADDRNOTAVAIL/);
      expect(close).toHaveBeenCalledTimes(1);
    } finally {
      close.mockRestore();
    }
  });
});
