import { afterAll } from 'vitest';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';
import { caseStoreContract } from './case-store.contract';

const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

caseStoreContract('CosmosCaseStore', async () => {
  const databaseId = aDatabaseId('contract');
  const store = await emulator.openStore(databaseId);
  const cleanup = async () => {
    await store.close();
    await emulator.dropDatabase(databaseId);
  };
  return { store, reopen: () => emulator.openStore(databaseId), cleanup };
});
