import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CosmosClient, Database, OperationInput } from '@azure/cosmos';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

/**
 * What @vercel/cosmosdb-server 1.0.1 does and does not emulate, pinned so that an upgrade that changes it
 * fails here and docs/cosmos.md ("What the emulator does not cover") gets updated. The store's design relies
 * only on the behaviour in the first block.
 */
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

describe('@vercel/cosmosdb-server', () => {
  let client: CosmosClient;
  let database: Database;
  let databaseId: string;

  beforeEach(async () => {
    client = await emulator.client();
    databaseId = aDatabaseId('gaps');
    ({ database } = await client.databases.createIfNotExists({ id: databaseId }));
  });
  afterEach(async () => {
    await database.delete();
    client.dispose();
  });

  const aContainer = async (extra: object = {}) =>
    (await database.containers.createIfNotExists({ id: 'c', partitionKey: { paths: ['/id'] }, ...extra })).container;

  describe('emulates what the store relies on', () => {
    it('refuses a second create of the same id with 409', async () => {
      const c = await aContainer();
      await c.items.create({ id: 'x' });
      await expect(c.items.create({ id: 'x' })).rejects.toMatchObject({ code: 409 });
    });

    it('refuses a replace with a stale If-Match with 412', async () => {
      const c = await aContainer();
      const { etag } = await c.items.create({ id: 'x', n: 1 });
      await c.item('x', 'x').replace({ id: 'x', n: 2 });
      await expect(c.item('x', 'x').replace({ id: 'x', n: 3 }, { accessCondition: { type: 'IfMatch', condition: etag } })).rejects.toMatchObject({
        code: 412,
      });
    });

    it('increments atomically with patch incr', async () => {
      const c = await aContainer();
      await c.items.create({ id: 'x', last: 0 });
      await Promise.all(Array.from({ length: 10 }, () => c.item('x', 'x').patch([{ op: 'incr', path: '/last', value: 1 }])));
      expect((await c.item('x', 'x').read()).resource?.last).toBe(10);
    });

    it('answers a point read of a missing item with 404 and no resource', async () => {
      const c = await aContainer();
      const read = await c.item('nope', 'nope').read();
      expect([read.statusCode, read.resource]).toEqual([404, undefined]);
    });
  });

  describe('does not emulate', () => {
    it('transactional batch: a failed batch keeps its earlier operations (Cosmos rolls them back)', async () => {
      const c = await aContainer();
      await c.items.create({ id: 'taken' });
      const operations: OperationInput[] = [
        { operationType: 'Create', resourceBody: { id: 'first' } },
        { operationType: 'Create', resourceBody: { id: 'taken' } },
      ];
      const batch = await c.items.batch(operations, 'first');
      expect(batch.result?.map((r) => r.statusCode)).toEqual([201, 409]);
      expect((await c.item('first', 'first').read()).statusCode).toBe(200);
    });

    it('time to live: an item with ttl 1 is still there two seconds later', async () => {
      const c = await aContainer({ defaultTtl: -1 });
      await c.items.create({ id: 'x', ttl: 1 });
      await new Promise((resolve) => setTimeout(resolve, 2_000));
      expect((await c.item('x', 'x').read()).statusCode).toBe(200);
    });

    it('request units: every request costs 1 RU', async () => {
      const c = await aContainer();
      const big = { id: 'x', text: 'x'.repeat(50_000) };
      expect((await c.items.create(big)).requestCharge).toBe(1);
      expect((await c.items.query('SELECT * FROM c').fetchAll()).requestCharge).toBe(1);
    });

    it('indexing policy: a filter on an excluded path still answers (Cosmos would scan at higher cost)', async () => {
      const c = await aContainer({ indexingPolicy: { indexingMode: 'consistent', includedPaths: [{ path: '/a/?' }], excludedPaths: [{ path: '/*' }] } });
      await c.items.create({ id: 'x', b: 3 });
      expect((await c.items.query('SELECT c.id FROM c WHERE c.b = 3').fetchAll()).resources).toEqual([{ id: 'x' }]);
    });

    it('authentication: any key is accepted, so 401/403 never happen', async () => {
      const c = await aContainer();
      await c.items.create({ id: 'x' });
      expect((await c.item('x', 'x').read()).statusCode).toBe(200);
    });
  });
});
