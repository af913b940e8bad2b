import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports';
import type { Case, NewCase } from '../../src/domain/case/case';
import { eraseCase } from '../../src/domain/retention/retention';
import { aClosedCase, personalMarkers } from '../support/a-closed-case';
import { aDelivery } from '../support/a-delivery';
import { aNewCase } from '../support/a-new-case';

/** Part of caseStoreContract: the retention purge's queries and the erase. `store` gives the current test's store. */
export function retentionContract(store: () => CaseStore): void {
  const create = async (newCase: NewCase): Promise<Case> => (await store().createCase(newCase, 2026)).case;
  const ids = (cases: Case[]): string[] => cases.map((c) => c.id);
  const day = (d: number): string => `2026-12-${String(d).padStart(2, '0')}T10:00:00.000Z`;
  const erasedAt = '2029-01-05T02:00:00.000Z';
  const leaksAnyMarker = (value: unknown): string[] => {
    const json = JSON.stringify(value);
    return Object.values(personalMarkers).filter((m) => json.includes(m));
  };

  describe('retention', () => {
    it('lists the ended, not yet erased cases of one owner that ended before the cutoff, oldest first, up to the limit', async () => {
      const late = await create(aClosedCase(day(20)));
      const early = await create(aClosedCase(day(3)));
      const merged = await create(aNewCase({ state: 'merged', mergedIntoId: late.id, closedAt: day(10) }));
      await create(aNewCase({ state: 'assigned' }));
      await create(aClosedCase(day(28)));
      await create(aClosedCase(day(4), { owner: { kind: 'district_committee', districtCode: 'FAR' } }));
      const erased = await create(aClosedCase(day(1)));
      expect((await store().eraseCase(eraseCase(erased, erasedAt), erased.version)).ok).toBe(true);

      const filter = { owner: 'education_committee', closedBefore: day(25) } as const;
      expect(ids(await store().listCasesDueForErasure(filter, 10))).toEqual([early.id, merged.id, late.id]);
      expect(ids(await store().listCasesDueForErasure(filter, 2))).toEqual([early.id, merged.id]);
      expect(ids(await store().listCasesDueForErasure({ owner: 'district_committee', closedBefore: day(25) }, 10))).toHaveLength(1);
      expect(await store().listCasesDueForErasure({ owner: 'education_committee', closedBefore: day(3) }, 10)).toEqual([]);
    });

    it('erases every personal field and free text, wherever the case is read from, and keeps references, dates and codes', async () => {
      const closed = await create(aClosedCase(day(3)));
      expect(leaksAnyMarker(closed)).toHaveLength(Object.keys(personalMarkers).length);

      const result = await store().eraseCase(eraseCase(closed, erasedAt), closed.version);
      expect(result).toEqual({ ok: true, case: { ...eraseCase(closed, erasedAt), version: closed.version + 1 } });
      const reads = [
        await store().getCase(closed.id),
        await store().getCaseByReference(closed.reference),
        ...(await store().listCasesByReporter(closed.tenantId, closed.reporterId, 10)),
      ];
      for (const read of reads) {
        expect(leaksAnyMarker(read)).toEqual([]);
        expect([read?.pupil, read?.absence, read?.steps, read?.consent, read?.text]).toEqual([undefined, undefined, undefined, undefined, '']);
        expect(read).toMatchObject({
          reference: closed.reference,
          kind: 'referral',
          state: 'closed',
          createdAt: closed.createdAt,
          closedAt: closed.closedAt,
          schoolId: closed.schoolId,
          routing: closed.routing,
          supportLevel: closed.supportLevel,
          outcome: closed.outcome,
          concerns: closed.concerns,
          history: closed.history,
          erasedAt,
        });
      }
    });

    it('is idempotent: an erased case is not listed again, and erasing it again changes nothing but the version', async () => {
      const closed = await create(aClosedCase(day(3)));
      const first = await store().eraseCase(eraseCase(closed, erasedAt), closed.version);
      if (!first.ok) throw new Error('the first erase failed');
      expect(await store().listCasesDueForErasure({ owner: 'education_committee', closedBefore: day(30) }, 10)).toEqual([]);
      const again = await store().eraseCase(eraseCase(first.case, '2029-01-06T02:00:00.000Z'), first.case.version);
      expect(again).toEqual({ ok: true, case: { ...first.case, version: first.case.version + 1 } });
    });

    it('leaves other cases and their deliveries untouched, and removes the conversation addresses of the erased case', async () => {
      const closed = await create(aClosedCase(day(3)));
      const other = await create(aClosedCase(day(4)));
      const address = { transport: 'msteams', value: '{"conversation":{"id":"a:personal-chat"}}' };
      const erasedDelivery = aDelivery(closed.id, { status: 'delivered', messageId: 'm-1', address, attempts: 1 });
      const otherDelivery = aDelivery(other.id, { status: 'delivered', messageId: 'm-2', address, attempts: 1 });
      await store().saveDelivery(erasedDelivery);
      await store().saveDelivery(otherDelivery);

      await store().eraseCase(eraseCase(closed, erasedAt), closed.version);
      expect(await store().getCase(other.id)).toEqual(other);
      expect(await store().getDelivery(otherDelivery.key)).toStrictEqual(otherDelivery);
      const { address: _gone, ...withoutAddress } = erasedDelivery;
      // Still delivered with its message id, so the ledger never sends that key again.
      expect(await store().getDelivery(erasedDelivery.key)).toStrictEqual(withoutAddress);
      expect(await store().listDeliveriesForCase(closed.id)).toStrictEqual([withoutAddress]);
    });

    it('refuses an erase from a stale version as a conflict and changes nothing', async () => {
      const closed = await create(aClosedCase(day(3)));
      const touched = await store().updateCase({ ...closed, assigneeId: 'sst-2' }, closed.version);
      expect(await store().eraseCase(eraseCase(closed, erasedAt), closed.version)).toEqual({ ok: false, reason: 'conflict' });
      expect(await store().getCase(closed.id)).toEqual(touched.ok && touched.case);
      const ghost: Case = { ...aClosedCase(day(3)), reference: 'FAR-2026-0999', version: 1 };
      expect(await store().eraseCase(eraseCase(ghost, erasedAt), 1)).toEqual({ ok: false, reason: 'not_found' });
    });

    it('refuses to store a case that is not erased through eraseCase', async () => {
      const closed = await create(aClosedCase(day(3)));
      await expect(store().eraseCase(closed, closed.version)).rejects.toThrow(/erasedAt/);
      expect(await store().getCase(closed.id)).toEqual(closed);
    });
  });
}
