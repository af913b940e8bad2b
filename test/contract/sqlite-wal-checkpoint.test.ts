import { statSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { performance } from 'node:perf_hooks';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCaseStore, type SqliteStoreOptions } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { WalCheckpointer } from '../../src/adapters/store/sqlite/wal-checkpointer';
import { stockholmTime } from '../support/fixed-clock';
import { LogSink } from '../support/log-sink';
import { createLogger } from '../../src/adapters/log/logger';
import { openCaseStore } from '../../src/adapters/store/open-case-store';
import { loadConfig } from '../../src/config/env';

// The server's SQLite store checkpoints its WAL from a worker thread, never inside a request's commit. Seen
// from outside: the WAL stays as small as what was written between two of the worker's checkpoints, far
// below the 1,000 pages after which a commit would checkpoint by itself, and the data reaches the database file.
describe('SqliteCaseStore WAL checkpoints', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-wal-'));
    file = join(dir, 'cases.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const pageBytes = 4096;
  const sizeOf = (f: string): number => statSync(f, { throwIfNoEntry: false })?.size ?? 0;

  /** 30 batches of 20 commits with a pause after each; returns the largest WAL seen after a batch. */
  async function writeInBatches(options: SqliteStoreOptions): Promise<{ largestWal: number; databaseFile: number }> {
    const store = SqliteCaseStore.open(file, stockholmTime, options);
    let largestWal = 0;
    try {
      for (let batch = 0; batch < 30; batch += 1) {
        for (let i = 0; i < 20; i += 1) {
          // Big enough that each commit writes a few pages, as a case with its outbox rows does.
          await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: `case-${batch}-${i}`, detail: { note: 'x'.repeat(6_000) } });
        }
        largestWal = Math.max(largestWal, sizeOf(`${file}-wal`));
        await new Promise((resolve) => setTimeout(resolve, 40));
      }
      return { largestWal, databaseFile: sizeOf(file) };
    } finally {
      await store.close();
    }
  }

  it('with checkpoints in the background, the WAL stays within what a few batches wrote and the data reaches the database file', async () => {
    const { largestWal, databaseFile } = await writeInBatches({ checkpointEveryMs: 10 });
    // 600 rows of 6,000 bytes are in the database file itself, not only in the WAL.
    expect(databaseFile).toBeGreaterThan(600 * 6_000);
    expect(largestWal).toBeLessThan(700 * pageBytes);
  });

  it('under steady writes (a commit every few hundred µs), the WAL is restarted once it is long: it stays bounded, not as long as all that was written', async () => {
    const store = SqliteCaseStore.open(file, stockholmTime, { checkpointEveryMs: 10, restartWalAtPages: 300 });
    let largestWal = 0;
    try {
      // About 7 pages a commit, one after another with the event loop's turn between and 1 ms after every tenth: 21,000 pages.
      for (let i = 0; i < 3_000; i += 1) {
        await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: `case-${i}`, detail: { note: 'x'.repeat(6_000) } });
        await new Promise((resolve) => (i % 10 === 9 ? setTimeout(resolve, 1) : setImmediate(resolve)));
        if (i % 25 === 0) largestWal = Math.max(largestWal, sizeOf(`${file}-wal`));
      }
    } finally {
      await store.close();
    }
    expect(largestWal).toBeGreaterThan(10 * pageBytes);
    // Written in all: about 21,000 pages (86 MB), which is how long the WAL grows without the restart.
    expect(largestWal).toBeLessThan(5_000 * pageBytes);
  });

  it("holds the bot's writes back for a moment at most while a reader keeps an old snapshot (a backup, another process)", async () => {
    const store = SqliteCaseStore.open(file, stockholmTime, { checkpointEveryMs: 10, restartWalAtPages: 50 });
    const reader = new BetterSqlite3(file, { readonly: true });
    let longest = 0;
    try {
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM audit').get();
      // The WAL passes 50 pages at once, and a RESTART would wait for this reader, which never moves on.
      for (let i = 0; i < 60; i += 1) {
        const started = performance.now();
        await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: `case-${i}`, detail: { note: 'x'.repeat(6_000) } });
        longest = Math.max(longest, performance.now() - started);
        await new Promise((resolve) => setTimeout(resolve, 5));
      }
    } finally {
      reader.exec('COMMIT');
      reader.close();
      await store.close();
    }
    // The worker's RESTART never waits: it tries again after its next run. The bot's own busy timeout is 5 s.
    expect(longest).toBeLessThan(1_000);
  });

  it('the worker never waits with the write lock held: while a reader is on a long WAL, another connection can begin writing', async () => {
    const store = SqliteCaseStore.open(file, stockholmTime, { checkpointEveryMs: 10, restartWalAtPages: 50 });
    const reader = new BetterSqlite3(file, { readonly: true });
    // Another writer (a second instance, say) that never waits: BEGIN IMMEDIATE fails at once if the lock is taken.
    const other = new BetterSqlite3(file, { timeout: 0 });
    let probes = 0;
    let refused = 0;
    try {
      // Past 50 pages: the WAL is long, and the worker copies all of it.
      for (let i = 0; i < 60; i += 1) {
        await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: `case-${i}`, detail: { note: 'x'.repeat(6_000) } });
      }
      // A snapshot of the last commit: the reader is on the WAL, so each RESTART the worker tries must wait for it or give up.
      reader.exec('BEGIN');
      reader.prepare('SELECT count(*) FROM audit').get();
      const until = performance.now() + 1_500;
      while (performance.now() < until) {
        probes += 1;
        try {
          other.exec('BEGIN IMMEDIATE');
          other.exec('ROLLBACK');
        } catch {
          refused += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
    } finally {
      reader.exec('COMMIT');
      reader.close();
      other.close();
      await store.close();
    }
    expect(probes).toBeGreaterThan(100);
    // A RESTART that waited for the reader (50 ms, every 10 ms) would hold the lock for most of the probes; one that
    // gives up at once holds it for microseconds, which a probe meets rarely.
    expect(refused).toBeLessThan(probes / 20);
  });

  it("leaves checkpoints to the worker alone: until its first one, the connection's commits let the WAL grow past 1,000 pages", async () => {
    const { largestWal } = await writeInBatches({ checkpointEveryMs: 60_000 });
    expect(largestWal).toBeGreaterThan(1_100 * pageBytes);
  });

  it('without them (the default), SQLite checkpoints in a commit only once the WAL passed 1,000 pages', async () => {
    const { largestWal } = await writeInBatches({});
    expect(largestWal).toBeGreaterThan(900 * pageBytes);
  });

  it('a worker that died does not hold up closing: stop() resolves at once', async () => {
    let exited: () => void = () => undefined;
    const workerGone = new Promise<void>((resolve) => {
      exited = resolve;
    });
    // A folder that does not exist: the worker cannot open the file, fails and exits.
    const checkpointer = new WalCheckpointer(join(dir, 'missing', 'cases.db'), { intervalMs: 10, restartAtPages: 100 }, (error) => {
      if (error instanceof Error && error.message.includes('exited')) exited();
    });
    await workerGone;
    const outcome = await Promise.race([checkpointer.stop().then(() => 'stopped'), new Promise((resolve) => setTimeout(() => resolve('hung'), 1_000))]);
    expect(outcome).toBe('stopped');
  });

  it('logs a checkpoint worker that died, once, with its error name only, and the store goes on storing', async () => {
    const sink = new LogSink();
    const config = loadConfig({ LOCAL_MODE: 'true', DATA_DIR: dir });
    if (!config.ok) throw new Error('expected a valid local configuration');
    const store = await openCaseStore(config.config, stockholmTime, createLogger('info', sink));
    try {
      // The worker thread ends as it would on an uncaught failure (here from outside: it has no fault to inject).
      const worker: unknown = Reflect.get(Reflect.get(store, 'checkpointer') as object, 'worker');
      await (worker as { terminate(): Promise<number> }).terminate();
      await new Promise((resolve) => setTimeout(resolve, 50));
      const failures = sink.events().filter((e) => e.event === 'store.checkpointer_failed');
      expect(failures).toEqual([expect.objectContaining({ level: 50, errorName: 'Error' })]);
      expect(JSON.stringify(failures)).not.toContain(dir);
      await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted' });
      expect(await store.listAudit({})).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('closes the worker with the store: a closed store leaves no thread that keeps the process alive or holds the file', async () => {
    const store = SqliteCaseStore.open(file, stockholmTime, { checkpointEveryMs: 10 });
    await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted' });
    await store.close();
    // The last connection closed checkpoints and removes the WAL: the worker's connection is gone too.
    expect(sizeOf(`${file}-wal`)).toBe(0);
  });
});
