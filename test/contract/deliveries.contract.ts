import { describe, expect, it } from 'vitest';
import { deliveryStatuses, type CaseDelivery, type DeliveryStatus } from '../../src/app/ports/deliveries';
import type { CaseStore } from '../../src/app/ports/case-store';
import { aDelivery } from '../support/a-delivery';

/** Part of caseStoreContract: delivery records. `store` gives the current test's store. */
export function deliveriesContract(store: () => CaseStore): void {
  const at = (hour: number): string => `2026-11-23T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const keys = (deliveries: CaseDelivery[]): string[] => deliveries.map((d) => d.key);
  const saveAll = async (deliveries: CaseDelivery[]): Promise<void> => {
    for (const d of deliveries) await store().saveDelivery(d);
  };

  describe('delivery records', () => {
    it('reads back every field of a delivered record, including where it went and the message id', async () => {
      const delivered = aDelivery('case-a', {
        // Keys carry colons, tenant and user ids; a store must not trip over characters ids may not hold.
        key: 'case:case-a:status:person:tenant-1:teacher/1#?',
        recipient: 'person:tenant-1:teacher/1#?',
        purpose: 'status',
        status: 'delivered',
        address: { transport: 'msteams', value: '{"conversation":{"id":"a:1"},"serviceUrl":"https://smba.example/"}' },
        messageId: '1732351200000',
        attempts: 2,
        lastStatus: '201',
        updatedAt: at(10),
      });
      await store().saveDelivery(delivered);
      expect(await store().getDelivery(delivered.key)).toStrictEqual(delivered);
      expect(await store().listDeliveriesForCase('case-a')).toStrictEqual([delivered]);
    });

    it('reads back a record without address, message id or last status and invents none', async () => {
      const pending = aDelivery('case-a');
      await store().saveDelivery(pending);
      const read = await store().getDelivery(pending.key);
      expect(read).toStrictEqual(pending);
      expect(Object.keys(read ?? {}).sort()).toEqual(Object.keys(pending).sort());
    });

    it('replaces the record with the same key on a second save', async () => {
      const pending = aDelivery('case-a', { status: 'failed', attempts: 5, lastStatus: '503' });
      const delivered: CaseDelivery = { ...pending, status: 'delivered', messageId: 'm-1', attempts: 6, lastStatus: '201', updatedAt: at(11) };
      await store().saveDelivery(pending);
      await store().saveDelivery(delivered);
      expect(await store().getDelivery(pending.key)).toStrictEqual(delivered);
      expect(await store().listDeliveriesForCase('case-a')).toStrictEqual([delivered]);
      expect(await store().listUndelivered(10)).toEqual([]);
    });

    it('answers undefined for a key nobody saved, and an empty list for a case without deliveries', async () => {
      await store().saveDelivery(aDelivery('case-a'));
      expect(await store().getDelivery('case:case-a:routed:FAR-SST-2')).toBeUndefined();
      expect(await store().listDeliveriesForCase('case-b')).toEqual([]);
    });

    it("lists one case's deliveries oldest first, equal times by key, and no other case's", async () => {
      await saveAll([
        aDelivery('case-a', { key: 'case:case-a:c', createdAt: at(10) }),
        aDelivery('case-b', { key: 'case:case-b:a', createdAt: at(8) }),
        aDelivery('case-a', { key: 'case:case-a:b', createdAt: at(9), status: 'delivered', messageId: 'm-1' }),
        aDelivery('case-a', { key: 'case:case-a:a', createdAt: at(10) }),
      ]);
      expect(keys(await store().listDeliveriesForCase('case-a'))).toEqual(['case:case-a:b', 'case:case-a:a', 'case:case-a:c']);
      expect(keys(await store().listDeliveriesForCase('case-b'))).toEqual(['case:case-b:a']);
    });

    // Typed as a record over every status, so a new status cannot be added without deciding this.
    const awaitsDelivery: Record<DeliveryStatus, boolean> = { pending: true, delivered: false, unreachable: true, failed: true };
    const rows = deliveryStatuses.map((status) => ({ status, listed: awaitsDelivery[status] }));
    it.each(rows)('lists a delivery with status $status as undelivered: $listed', async ({ status, listed }) => {
      const d = aDelivery('case-a', { status, ...(status === 'delivered' ? { messageId: 'm-1' } : {}) });
      await store().saveDelivery(d);
      expect(await store().listUndelivered(10)).toStrictEqual(listed ? [d] : []);
    });

    it('lists undelivered records of every case oldest first, equal times by key, up to the limit', async () => {
      await saveAll([
        aDelivery('case-a', { key: 'case:case-a:late', createdAt: at(12), status: 'failed' }),
        aDelivery('case-b', { key: 'case:case-b:y', createdAt: at(9), status: 'pending' }),
        aDelivery('case-c', { key: 'case:case-c:first', createdAt: at(7), status: 'delivered', messageId: 'm-1' }),
        aDelivery('case-a', { key: 'case:case-a:x', createdAt: at(9), status: 'unreachable' }),
        aDelivery('case-c', { key: 'case:case-c:z', createdAt: at(10), status: 'pending' }),
      ]);
      expect(keys(await store().listUndelivered(10))).toEqual(['case:case-a:x', 'case:case-b:y', 'case:case-c:z', 'case:case-a:late']);
      expect(keys(await store().listUndelivered(2))).toEqual(['case:case-a:x', 'case:case-b:y']);
      expect(await store().listUndelivered(0)).toEqual([]);
    });
  });
}
