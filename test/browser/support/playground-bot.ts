import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Server } from 'restify';
import { SystemClock } from '../../../src/adapters/clock/system-clock';
import { UuidIds } from '../../../src/adapters/ids/uuid-ids';
import { createLogger } from '../../../src/adapters/log/logger';
import { SqliteCaseStore } from '../../../src/adapters/store/sqlite/sqlite-case-store';
import { createApp } from '../../../src/app-server';
import type { StatisticsSource } from '../../../src/app/view-statistics';
import type { Directory, PersonRef } from '../../../src/domain/routing/directory';
import { LogSink } from '../../support/log-sink';
import { loadSampleDirectory } from '../../support/test-directory';
import { stockholmTime } from '../../support/fixed-clock';

/**
 * The bot as `npm run start:local` runs it (local mode, SQLite, sample directory, the machine's clock and
 * random ids), in this process on an ephemeral loopback port, with its data in a temp folder.
 */
export class PlaygroundBot {
  readonly logs = new LogSink();

  constructor(
    private readonly options: {
      /** The statistics `statistik` shows (issue #16). */
      statistics?: StatisticsSource;
      /** People added to the sample directory's evaluation staff, e.g. the Playground's own user. */
      evaluators?: readonly PersonRef[];
    } = {},
  ) {}

  private readonly dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-browser-'));
  private store?: SqliteCaseStore;
  private server?: Server;
  baseUrl = '';
  private idle: () => Promise<void> = async () => undefined;

  async start(): Promise<this> {
    this.store = SqliteCaseStore.open(join(this.dataDir, 'sst-bridge.db'), stockholmTime);
    const sample = loadSampleDirectory();
    const directory: Directory = { ...sample, evaluators: [...(sample.evaluators ?? []), ...(this.options.evaluators ?? [])] };
    const app = createApp({
      config: { credentials: undefined, allowedTenants: [], maxBodyBytes: 256 * 1024, reportRateLimit: { max: 10, windowMs: 10 * 60_000 } },
      store: this.store,
      clock: new SystemClock(),
      ids: new UuidIds(),
      directory: () => directory,
      log: createLogger('info', this.logs),
      ...(this.options.statistics ? { statistics: this.options.statistics } : {}),
    });
    this.server = app.server;
    this.idle = () => app.idle();
    const server = app.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this;
  }

  async stop(): Promise<void> {
    const server = this.server;
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
    await this.idle();
    await this.store?.close();
    this.server = undefined;
    this.store = undefined;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}
