import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import { createLogger } from '../../src/adapters/log/logger';
import { sqliteCheckpointEveryMs } from '../../src/adapters/store/open-case-store';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { createApp, type App } from '../../src/app-server';
import type { Clock } from '../../src/app/ports/clock';
import type { StatisticsSource } from '../../src/app/view-statistics';
import type { SweepResult } from '../../src/app/sweep-reminders';
import { UuidIds } from '../../src/adapters/ids/uuid-ids';
import { ConnectorStandIn } from './connector-stand-in';
import { FixedClock, stockholmTime } from './fixed-clock';
import { LogSink } from './log-sink';
import { loadSampleDirectory } from './test-directory';

/**
 * The real server on an ephemeral loopback port with a real SQLite store in a temp folder (its WAL checkpointed
 * from a worker thread, as the server opens it), plus a
 * Bot Connector stand-in used as serviceUrl. `restart()` starts a new server on the same database file.
 */
export class RunningBot {
  readonly connector = new ConnectorStandIn();
  readonly logs = new LogSink();
  readonly clock: FixedClock;
  readonly dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-e2e-'));
  serviceUrl = '';
  baseUrl = '';
  store!: SqliteCaseStore;
  private server?: Server;
  private app?: App;
  /** How often an admin asked for the directory to be reloaded. */
  reloads = 0;

  constructor(
    private readonly options: {
      now?: string;
      allowedTenants?: string[];
      maxBodyBytes?: number;
      reportRateLimit?: { max: number; windowMs: number };
      /** The statistics the bot shows (issue #16); absent: `statistik` says it cannot show them. */
      statistics?: StatisticsSource;
    } = {},
  ) {
    this.clock = new FixedClock(options.now ?? '2026-11-23T09:00:00.000Z');
  }

  get dbFile(): string {
    return join(this.dataDir, 'sst-bridge.db');
  }

  async start(): Promise<this> {
    this.serviceUrl = await this.connector.start();
    await this.startServer();
    return this;
  }

  async restart(): Promise<void> {
    await this.stopServer();
    await this.startServer();
  }

  async stop(): Promise<void> {
    await this.stopServer();
    await this.connector.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }

  /**
   * Runs one reminder sweep now, by the test's clock, as the scheduler would, then waits until the outbox has
   * sent what the sweep queued (`idle`).
   */
  async sweepReminders(instanceId = 'test-instance'): Promise<SweepResult> {
    if (!this.app) throw new Error('the bot is not running');
    const result = await this.app.sweepReminders({ instanceId, leaseMs: 5 * 60_000, batchSize: 10, retryAfterMs: 15 * 60_000 });
    await this.app.idle();
    return result;
  }

  /**
   * A second bot instance on the same database file and connector (no HTTP server): for two sweeps racing.
   * Its drainer sends from the shared outbox too. Close it before the test ends: its drainer stops (what it
   * has not sent stays in the outbox, for this bot's `idle()`), then its store closes.
   */
  anotherInstance(): { app: App; close: () => Promise<void> } {
    const store = SqliteCaseStore.open(this.dbFile, stockholmTime, { checkpointEveryMs: sqliteCheckpointEveryMs });
    const app = this.createAppOn(store);
    return {
      app,
      close: async () => {
        await app.stopped();
        await store.close();
      },
    };
  }

  private async startServer(): Promise<void> {
    this.store = SqliteCaseStore.open(this.dbFile, stockholmTime, { checkpointEveryMs: sqliteCheckpointEveryMs });
    this.app = this.createAppOn(this.store);
    this.server = this.app.server;
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    this.baseUrl = `http://127.0.0.1:${address.port}`;
  }

  private createAppOn(store: SqliteCaseStore): App {
    const directory = loadSampleDirectory();
    const clock: Clock = this.clock;
    return createApp({
      config: {
        credentials: undefined,
        allowedTenants: this.options.allowedTenants ?? [],
        maxBodyBytes: this.options.maxBodyBytes ?? 256 * 1024,
        teamsServiceUrl: this.serviceUrl,
        reportRateLimit: this.options.reportRateLimit ?? { max: 10, windowMs: 10 * 60_000 },
      },
      store,
      clock,
      ids: new UuidIds(),
      directory: () => directory,
      log: createLogger('debug', this.logs),
      ...(this.options.statistics ? { statistics: this.options.statistics } : {}),
      reload: () => {
        this.reloads += 1;
        return { ok: true, value: { version: directory.version } };
      },
    });
  }

  /** Waits until the proactive sends started by the last turns are done. */
  async idle(): Promise<void> {
    await this.app?.idle();
  }

  private async stopServer(): Promise<void> {
    await this.app?.idle();
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    this.server = undefined;
    // As run.ts does at shutdown: the counted repeats of refusals are written before the store closes.
    await this.app?.flushRefusalAudit('all');
    await this.store.close();
  }
}
