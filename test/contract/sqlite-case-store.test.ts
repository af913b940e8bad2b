import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { caseStoreContract } from './case-store.contract';
import { stockholmTime } from '../support/fixed-clock';

caseStoreContract('SqliteCaseStore', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-store-'));
  const file = join(dir, 'cases.db');
  const store = SqliteCaseStore.open(file, stockholmTime);
  const cleanup = async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  };
  return { store, reopen: async () => SqliteCaseStore.open(file, stockholmTime), cleanup };
});
