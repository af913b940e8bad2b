import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pino from 'pino';
import { createLogger } from '../../src/adapters/log/logger';
import { sqliteCheckpointEveryMs } from '../../src/adapters/store/open-case-store';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { UuidIds } from '../../src/adapters/ids/uuid-ids';
import { createApp } from '../../src/app-server';
import { SystemClock } from '../../src/adapters/clock/system-clock';
import { loadSampleDirectory } from '../../test/support/test-directory';
import { serveOverIpc } from './serve-over-ipc';

/**
 * SST Bridge as run.ts wires it (createApp, SQLite in a temp folder, the sample directory, info-level JSON
 * logs), in local mode, with the parent's Bot Connector stand-in as serviceUrl and as teamsServiceUrl.
 * BENCH_DELIVERY_LIMITS=teams keeps Teams' published outbound limits; `none` lifts them.
 */
const serviceUrl = process.env.BENCH_SERVICE_URL;
if (!serviceUrl) throw new Error('expected BENCH_SERVICE_URL (the connector stand-in), found none');

// Time runs as on the machine, from a fixed start, so that the sample report stays valid whenever the
// benchmark runs (its dates are in autumn 2026) and windows and leases expire as they would in production.
const startedAt = Date.now();
const clock = new SystemClock(() => Date.parse('2026-11-23T09:00:00.000Z') + (Date.now() - startedAt));
const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-bench-'));
const store = SqliteCaseStore.open(join(dataDir, 'sst-bridge.db'), clock, { checkpointEveryMs: sqliteCheckpointEveryMs });
const directory = loadSampleDirectory();
const app = createApp({
  // The per-user submission limit is a policy, not a cost: it stays on, but with a one-second window and no
  // practical maximum, so the pipeline itself is measured (a teacher here submits hundreds of times a minute).
  config: {
    credentials: undefined,
    allowedTenants: [],
    maxBodyBytes: 256 * 1024,
    teamsServiceUrl: serviceUrl,
    reportRateLimit: { max: 1_000_000, windowMs: 1_000 },
  },
  store,
  clock,
  ids: new UuidIds(),
  directory: () => directory,
  // Production logs at info to stdout; here the same lines are written, to /dev/null unless BENCH_LOG_FILE names a file.
  log: createLogger('info', pino.destination({ dest: process.env.BENCH_LOG_FILE ?? '/dev/null', sync: true })),
  ...(process.env.BENCH_DELIVERY_LIMITS === 'none' ? { deliveryLimits: { outbox: { perConversation: [], perTenant: [] } } } : {}),
});

// SIGTERM as run.ts takes it on an App Service restart: stop taking requests, stop the outbox's drainer (the
// backlog stays in the store), close the store, exit. The burst section times it with a backlog waiting.
process.on('SIGTERM', () => {
  app.beginShutdown();
  const closed = new Promise<void>((resolve) => app.server.close(() => resolve()));
  app.server.server.closeIdleConnections();
  void closed
    .then(() => app.stopped())
    .then(() => store.close())
    .then(() => {
      rmSync(dataDir, { recursive: true, force: true });
      process.exit(0);
    });
});

await serveOverIpc({
  server: app.server,
  idle: () => app.idle(),
  close: async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  },
});
