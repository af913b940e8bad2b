import { afterAll } from 'vitest';
import type { CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';
import { outboxContract } from './outbox.contract';

const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

outboxContract('CosmosOutbox', async () => {
  const databaseId = aDatabaseId('outbox');
  const opened: CosmosCaseStore[] = [await emulator.openStore(databaseId)];
  const sideOf = (store: CosmosCaseStore) => ({ outbox: store.outbox, records: store });
  const [first] = opened;
  if (first === undefined) throw new Error('no store opened');
  return {
    ...sideOf(first),
    another: async () => {
      const store = await emulator.openStore(databaseId);
      opened.push(store);
      return sideOf(store);
    },
    cleanup: async () => {
      for (const store of opened) await store.close();
      await emulator.dropDatabase(databaseId);
    },
  };
  // No transaction spans the entry and the lane: the drainer's releaseLane releases it (one query fewer per send).
}, { releasesOnSettle: false });
