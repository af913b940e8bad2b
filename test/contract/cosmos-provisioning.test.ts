import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

/** The file infra/main.bicep provisions from, read as the Bicep reads it: plain JSON, not through the store's code. */
const infraContainers = Object.values(
  (JSON.parse(readFileSync(new URL('../../infra/cosmos-containers.json', import.meta.url), 'utf8')) as { containers: Record<string, { id: string; partitionKey: unknown; indexingPolicy: unknown }> }).containers,
);

describe('COSMOS_PROVISION=create', () => {
  it('creates every container of infra/cosmos-containers.json with its partition key and indexing policy, and no other', async () => {
    const databaseId = aDatabaseId('provisioning');
    const store = await emulator.openStore(databaseId);
    await store.close();
    const client = await emulator.client();
    try {
      const { resources } = await client.database(databaseId).containers.readAll().fetchAll();
      expect(resources.map((c) => c.id).sort()).toEqual(infraContainers.map((c) => c.id).sort());
      for (const expected of infraContainers) {
        const found = resources.find((c) => c.id === expected.id);
        expect(found?.partitionKey, expected.id).toEqual(expected.partitionKey);
        expect(found?.indexingPolicy, expected.id).toEqual(expected.indexingPolicy);
      }
    } finally {
      client.dispose();
      await emulator.dropDatabase(databaseId);
    }
  });
});
