import { beforeEach, describe, expect, it } from 'vitest';
import { DeliveryKeyError, StoreDeliveryLedger } from '../../../../src/adapters/store/store-delivery-ledger';
import type { CaseDelivery } from '../../../../src/app/ports/deliveries';
import { aDelivery } from '../../../support/a-delivery';
import { InMemoryCaseStore } from '../../../support/in-memory-case-store';

describe('StoreDeliveryLedger', () => {
  let store: InMemoryCaseStore;
  let ledger: StoreDeliveryLedger;
  const at = '2026-11-23T09:05:00.000Z';

  beforeEach(() => {
    store = new InMemoryCaseStore();
    ledger = new StoreDeliveryLedger(store);
  });

  it('knows nothing about a key that was never stored', async () => {
    expect(await ledger.find('case:case-1:routed:FAR-SST-1')).toBeUndefined();
  });

  it.each([
    ['pending', {}],
    ['failed', { lastStatus: '503', attempts: 5 }],
    ['unreachable', { lastStatus: '403', attempts: 1 }],
    ['delivered without a message id', { status: 'delivered' as const }],
  ])('does not count a %s record as delivered, so the message is sent', async (_what, overrides: Partial<CaseDelivery>) => {
    await store.saveDelivery(aDelivery('case-1', overrides));
    expect(await ledger.find('case:case-1:routed:FAR-SST-1')).toBeUndefined();
  });

  it('finds a delivered record with its message id and the time it was delivered', async () => {
    await store.saveDelivery(aDelivery('case-1', { status: 'delivered', messageId: 'm-1', attempts: 1, updatedAt: at }));
    expect(await ledger.find('case:case-1:routed:FAR-SST-1')).toEqual({ key: 'case:case-1:routed:FAR-SST-1', messageId: 'm-1', at });
  });

  it('marks the saved record delivered as the sender would write it (one more attempt), keeping what the caller stored', async () => {
    const failed = aDelivery('case-1', {
      status: 'failed',
      attempts: 5,
      lastStatus: '503',
      address: { transport: 'msteams', value: 'address-1' },
    });
    await store.saveDelivery(failed);
    await ledger.record({ key: failed.key, messageId: 'm-1', at });
    const { lastStatus: _stale, ...rest } = failed;
    expect(await store.getDelivery(failed.key)).toStrictEqual({ ...rest, status: 'delivered', messageId: 'm-1', attempts: 6, updatedAt: at });
    expect(await ledger.find(failed.key)).toEqual({ key: failed.key, messageId: 'm-1', at });
    expect(await store.listUndelivered(10)).toEqual([]);
  });

  it('stores the address the message went to, such as a personal chat created for it', async () => {
    const pending = aDelivery('case-1', { status: 'pending', attempts: 0 });
    await store.saveDelivery(pending);
    const chat = { transport: 'msteams' as const, value: 'new-chat' };
    await ledger.record({ key: pending.key, messageId: 'm-1', at, address: chat });
    expect(await store.getDelivery(pending.key)).toMatchObject({ status: 'delivered', messageId: 'm-1', attempts: 1, address: chat });
  });

  it('keeps the first message id when the same key is recorded twice', async () => {
    await store.saveDelivery(aDelivery('case-1'));
    await ledger.record({ key: 'case:case-1:routed:FAR-SST-1', messageId: 'm-1', at });
    await ledger.record({ key: 'case:case-1:routed:FAR-SST-1', messageId: 'm-2', at: '2026-11-23T10:00:00.000Z' });
    expect(await ledger.find('case:case-1:routed:FAR-SST-1')).toEqual({ key: 'case:case-1:routed:FAR-SST-1', messageId: 'm-1', at });
  });

  // deliverCaseMessage saves the record before every send: the ledger never guesses a case from a key's text.
  it.each(['case:0b7c-42:status:person:tenant-1:teacher-1', 'inbox:FAR-SST-1', 'case:', 'card:case-1:v2'])(
    'refuses to record the key %j, which has no delivery record, and stores nothing',
    async (key) => {
      const failure = await ledger.record({ key, messageId: 'm-1', at }).then(
        () => undefined,
        (error: unknown) => error,
      );
      expect(failure).toBeInstanceOf(DeliveryKeyError);
      expect(failure).toMatchObject({ message: expect.stringContaining('saved before the send') });
      expect(await store.getDelivery(key)).toBeUndefined();
      expect(await store.listUndelivered(10)).toEqual([]);
      expect(await store.listDeliveriesForCase('0b7c-42')).toEqual([]);
    },
  );
});
