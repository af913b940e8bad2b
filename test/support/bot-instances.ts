import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createLogger } from '../../src/adapters/log/logger';
import { UuidIds } from '../../src/adapters/ids/uuid-ids';
import { sqliteCheckpointEveryMs } from '../../src/adapters/store/open-case-store';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { createApp, type App } from '../../src/app-server';
import type { DrainTimer } from '../../src/app/outbox/outbox-drainer';
import type { SendLimits } from '../../src/app/outbox/send-window';
import type { CaseStore } from '../../src/app/ports/case-store';
import { ConnectorStandIn } from './connector-stand-in';
import { aDatabaseId, type CosmosEmulator } from './cosmos-emulator';
import { FixedClock, stockholmTime } from './fixed-clock';
import { LogSink } from './log-sink';
import { loadSampleDirectory } from './test-directory';

export type StoreKind = 'sqlite' | 'cosmos';

/** Where the instances' one store lives; each `open()` is another process's connection or client to it. */
interface StoreSite {
  open(): Promise<CaseStore>;
  drop(): Promise<void>;
}

function sqliteSite(): StoreSite {
  const dir = mkdtempSync(join(tmpdir(), 'sst-bridge-instances-'));
  const file = join(dir, 'sst-bridge.db');
  return {
    open: async () => SqliteCaseStore.open(file, stockholmTime, { checkpointEveryMs: sqliteCheckpointEveryMs }),
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function cosmosSite(emulator: CosmosEmulator): StoreSite {
  const databaseId = aDatabaseId('instances');
  return { open: () => emulator.openStore(databaseId), drop: () => emulator.dropDatabase(databaseId) };
}

/** A send slot an instance's drainer took from the shared store: which lane, for which tenant, at the drainer's time. */
export interface TakenSlot {
  lane: string;
  tenantId: string;
  at: number;
  instanceId: string;
}

/** One running bot process as the tests see it: the real app behind its own HTTP server on loopback. */
export interface BotInstance {
  readonly instanceId: string;
  readonly baseUrl: string;
  readonly app: App;
  /** This instance's log lines. */
  readonly logs: LogSink;
  /** Posts an activity to this instance's /api/messages, as the Teams service would. */
  post(activity: Record<string, unknown>): Promise<Response>;
  /**
   * Stops as run.ts does on SIGTERM: stop taking requests, give up the sends in flight, stop the outbox's
   * drainer (the backlog stays in the store), write the refusal summaries, close the store.
   */
  stop(): Promise<void>;
}

/**
 * Bot instances that share one store (SQLite file, or a database on the Cosmos emulator) and one Bot Connector
 * stand-in, each the real app (`createApp`) on its own loopback port with its own `instanceId`: two
 * instances behind App Service's load balancer, or one process and the one that replaces it after a restart.
 * The connector stamps every call with the machine's time, the time the outbox paces by (`systemDrainTimer`).
 */
export class BotInstances {
  readonly connector = new ConnectorStandIn({ now: () => Date.now() });
  readonly clock: FixedClock;
  /**
   * Every send slot the instances' drainers were given by the store, in the order given: the times the store's
   * limits were decided on. A stand-in's arrival stamps come a while later, by however long the sender and a
   * loaded event loop took.
   */
  readonly slots: TakenSlot[] = [];
  serviceUrl = '';
  private readonly site: StoreSite;
  private readonly running = new Set<BotInstance>();
  private readonly opened: CaseStore[] = [];

  constructor(
    readonly kind: StoreKind,
    private readonly options: {
      /** Required for `cosmos`: the emulator the database is created on. */
      emulator?: CosmosEmulator;
      /** The outbox's send limits; Teams' published ones (`teamsSendLimits`) unless given. */
      outboxLimits?: SendLimits;
      /** The drainers' timer, shared by every instance; the machine's unless given. */
      drainTimer?: DrainTimer;
      /** Lanes each instance's drainer holds at once; the app's default unless given. */
      maxLanes?: number;
      now?: string;
    } = {},
  ) {
    this.clock = new FixedClock(options.now ?? '2026-11-23T09:00:00.000Z');
    if (kind === 'cosmos' && !options.emulator) throw new Error('a Cosmos store needs the emulator');
    this.site = kind === 'cosmos' && options.emulator ? cosmosSite(options.emulator) : sqliteSite();
  }

  async start(): Promise<this> {
    this.serviceUrl = await this.connector.start();
    return this;
  }

  /** Starts one more instance on the shared store. */
  async startInstance(instanceId: string): Promise<BotInstance> {
    const store = await this.site.open();
    const takeSendSlot = store.outbox.takeSendSlot.bind(store.outbox);
    store.outbox.takeSendSlot = async (lease, limits, now) => {
      const slot = await takeSendSlot(lease, limits, now);
      if (slot.ok) this.slots.push({ lane: lease.lane, tenantId: lease.tenantId, at: now, instanceId });
      return slot;
    };
    const directory = loadSampleDirectory();
    const logs = new LogSink();
    const app = createApp({
      config: {
        credentials: undefined,
        allowedTenants: [],
        maxBodyBytes: 256 * 1024,
        teamsServiceUrl: this.serviceUrl,
        reportRateLimit: { max: 10, windowMs: 10 * 60_000 },
      },
      store,
      clock: this.clock,
      ids: new UuidIds(),
      directory: () => directory,
      log: createLogger('debug', logs),
      instanceId,
      ...(this.options.drainTimer ? { drainTimer: this.options.drainTimer } : {}),
      ...(this.options.maxLanes === undefined ? {} : { drainerMaxLanes: this.options.maxLanes }),
      ...(this.options.outboxLimits ? { deliveryLimits: { outbox: this.options.outboxLimits } } : {}),
    });
    const server = app.server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    let stopping: Promise<void> | undefined;
    const instance: BotInstance = {
      instanceId,
      baseUrl,
      app,
      logs,
      post: (activity) => fetch(`${baseUrl}/api/messages`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(activity) }),
      stop: () =>
        (stopping ??= (async () => {
          this.running.delete(instance);
          app.beginShutdown();
          const closed = new Promise<void>((resolve) => server.close(() => resolve()));
          // Keep-alive connections that went idle after their last response would hold the server open.
          const closeIdle = setInterval(() => server.server.closeIdleConnections(), 20);
          server.server.closeIdleConnections();
          await closed.finally(() => clearInterval(closeIdle));
          await app.stopped();
          await app.flushRefusalAudit('all');
          await store.close();
        })()),
    };
    this.running.add(instance);
    return instance;
  }

  /** The shared store as an operator's tool sees it, to look at the outbox and the delivery records; closed by `stop()`. */
  async openStore(): Promise<CaseStore> {
    const store = await this.site.open();
    this.opened.push(store);
    return store;
  }

  async stop(): Promise<void> {
    for (const instance of [...this.running]) await instance.stop();
    for (const store of this.opened.splice(0)) await store.close();
    await this.connector.stop();
    await this.site.drop();
  }
}
