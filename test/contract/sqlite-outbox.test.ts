import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { outboxContract } from './outbox.contract';
import { stockholmTime } from '../support/fixed-clock';

outboxContract('SqliteOutbox', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-outbox-'));
  const file = join(dir, 'cases.db');
  const opened: SqliteCaseStore[] = [SqliteCaseStore.open(file, stockholmTime)];
  const sideOf = (store: SqliteCaseStore) => ({ outbox: store.outbox, records: store });
  const first = opened[0] ?? SqliteCaseStore.open(file, stockholmTime);
  return {
    ...sideOf(first),
    another: async () => {
      const store = SqliteCaseStore.open(file, stockholmTime);
      opened.push(store);
      return sideOf(store);
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}, { releasesOnSettle: true });
