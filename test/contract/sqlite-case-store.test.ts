import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCaseStore, type SqliteStoreOptions } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { caseStoreContract } from './case-store.contract';
import { stockholmTime } from '../support/fixed-clock';

// Writes on the store's own connection (scripts, most tests) and from the writer thread (the server).
for (const [name, options] of [
  ['SqliteCaseStore', {}],
  ['SqliteCaseStore with its writer thread', { writerThread: true }],
] satisfies [string, SqliteStoreOptions][]) {
  caseStoreContract(name, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-store-'));
    const file = join(dir, 'cases.db');
    const store = SqliteCaseStore.open(file, stockholmTime, options);
    const cleanup = async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    };
    return { store, reopen: async () => SqliteCaseStore.open(file, stockholmTime, options), cleanup };
  });
}
