import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CosmosClient } from '@azure/cosmos';
import type { CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { CorruptRowError } from '../../src/adapters/store/corrupt-row-error';
import { aDelivery } from '../support/a-delivery';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

// What only the Cosmos store promises about deliveries on top of the contract: a key stays with one case
// (Cosmos ids are unique per partition only), and items are read back through this build's schema.
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

describe('CosmosCaseStore deliveries', () => {
  let databaseId: string;
  let store: CosmosCaseStore;
  let client: CosmosClient;

  beforeEach(async () => {
    databaseId = aDatabaseId('deliveries');
    store = await emulator.openStore(databaseId);
    client = await emulator.client();
  });
  afterEach(async () => {
    client.dispose();
    await store.close();
    await emulator.dropDatabase(databaseId);
  });

  it('refuses to save a delivery key for a second case and keeps the first record', async () => {
    const first = aDelivery('case-a', { key: 'case:case-a:routed:FAR-SST-1' });
    await store.saveDelivery(first);
    await expect(store.saveDelivery({ ...first, caseId: 'case-b' })).rejects.toThrow(/belongs to case case-a; it cannot be saved for case case-b/);
    expect(await store.getDelivery(first.key)).toStrictEqual(first);
    expect(await store.listDeliveriesForCase('case-b')).toEqual([]);
  });

  it('gives one pointer to concurrent first saves of the same key', async () => {
    const d = aDelivery('case-a');
    await Promise.all(Array.from({ length: 10 }, (_, i) => store.saveDelivery({ ...d, attempts: i })));
    expect((await store.listDeliveriesForCase('case-a')).map((x) => x.key)).toEqual([d.key]);
    expect((await store.getDelivery(d.key))?.caseId).toBe('case-a');
  });

  it('fails loudly on a delivery item that does not fit the schema, without quoting its address', async () => {
    const d = aDelivery('case-a', { address: { transport: 'msteams', value: 'secret-conversation' } });
    await store.saveDelivery(d);
    const items = client.database(databaseId).container('deliveries');
    const { resources } = await items.items.query('SELECT * FROM c').fetchAll();
    const [item] = resources;
    await items.items.upsert({ ...item, status: 'sent', address: { transport: 'msteams', value: 'secret-conversation', extra: 1 } });
    const failure = await store.getDelivery(d.key).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CorruptRowError);
    expect(failure).toMatchObject({ table: 'deliveries', message: expect.stringMatching(/status.*address/) });
    expect(String(failure)).not.toContain('secret-conversation');
  });
});
