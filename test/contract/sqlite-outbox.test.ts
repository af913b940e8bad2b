import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCaseStore, type SqliteStoreOptions } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { outboxContract } from './outbox.contract';
import { stockholmTime } from '../support/fixed-clock';

// Writes on the store's own connection and from the writer thread (the server); two stores are two processes.
for (const [name, options] of [
  ['SqliteOutbox', {}],
  ['SqliteOutbox through the writer thread', { writerThread: true }],
] satisfies [string, SqliteStoreOptions][]) {
  outboxContract(name, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-outbox-'));
    const file = join(dir, 'cases.db');
    const opened: SqliteCaseStore[] = [SqliteCaseStore.open(file, stockholmTime, options)];
    const sideOf = (store: SqliteCaseStore) => ({ outbox: store.outbox, records: store });
    const first = opened[0] ?? SqliteCaseStore.open(file, stockholmTime, options);
    return {
      ...sideOf(first),
      another: async () => {
        const store = SqliteCaseStore.open(file, stockholmTime, options);
        opened.push(store);
        return sideOf(store);
      },
      cleanup: async () => {
        for (const store of opened) await store.close();
        await rm(dir, { recursive: true, force: true });
      },
    };
  }, { releasesOnSettle: true });
}
