import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { Case, NewCase } from '../../src/domain/case/case';
import { eraseCase, eraseParts } from '../../src/domain/retention/retention';
import { aClosedCase, personalMarkers, withPartOwners } from '../support/a-closed-case';
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
    it('lists the ended cases not wholly erased that ended before the cutoff, whoever owns them, oldest first, up to the limit', async () => {
      const late = await create(aClosedCase(day(20)));
      const early = await create(aClosedCase(day(3)));
      const merged = await create(aNewCase({ state: 'merged', mergedIntoId: late.id, closedAt: day(10) }));
      await create(aNewCase({ state: 'assigned' }));
      await create(aClosedCase(day(28)));
      const independent = await create(aClosedCase(day(4), { owner: { kind: 'independent_school', schoolId: 'eav-ies-enskede' } }));
      const erased = await create(aClosedCase(day(1)));
      expect((await store().eraseCase(eraseCase(erased, erasedAt), erased.version)).ok).toBe(true);
      const far = { kind: 'district_committee', districtCode: 'FAR' } as const;
      const partly = await create(withPartOwners(aClosedCase(day(2)), { team: far, unit: far }));
      expect((await store().eraseCase(eraseParts(partly, [partly.owner], erasedAt), partly.version)).ok).toBe(true);

      const filter = { closedBefore: day(25) };
      expect(ids(await store().listCasesDueForErasure(filter, 10))).toEqual([partly.id, early.id, independent.id, merged.id, late.id]);
      expect(ids(await store().listCasesDueForErasure(filter, 2))).toEqual([partly.id, early.id]);
      expect(await store().listCasesDueForErasure({ closedBefore: day(2) }, 10)).toEqual([]);
    });

    it('reads back the owner of every part and the erasures of a partly erased case', async () => {
      const owners = { team: { kind: 'district_committee', districtCode: 'JAR' }, unit: { kind: 'district_committee', districtCode: 'SKA' } } as const;
      const base = aClosedCase(day(3), { owner: { kind: 'independent_school', schoolId: 'eav-ies-enskede' } });
      const h = base.handover;
      if (h === undefined) throw new Error('aClosedCase has a handover');
      const forward = { fromUnitId: 'SKA-INV', toUnitId: 'FAR-INV', reason: 'wrong_unit', by: 'inv-1', at: '2026-11-25T09:30:00.000Z' } as const;
      const invitation = { sstWorkerId: 'sst-1', legalGround: 'consent', by: 'inv-1', at: '2026-11-30T11:00:00.000Z' } as const;
      const tagged = await create(withPartOwners({ ...base, handover: { ...h, forwards: [forward], sstInvitation: invitation } }, owners));
      expect(await store().getCase(tagged.id)).toEqual(tagged);
      expect(tagged.handover?.forwards[0]?.owner).toEqual(owners.unit);

      const partly = eraseParts(tagged, [owners.team], erasedAt);
      const result = await store().eraseCase(partly, tagged.version);
      expect(result).toEqual({ ok: true, case: { ...partly, version: tagged.version + 1 } });
      const read = await store().getCase(tagged.id);
      expect(read?.erasures).toEqual([{ owner: owners.team, at: erasedAt }]);
      expect([read?.handover?.summary, read?.text, read?.erasedAt]).toEqual(['', personalMarkers.text, undefined]);
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
      expect(await store().listCasesDueForErasure({ closedBefore: day(30) }, 10)).toEqual([]);
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
      await expect(store().eraseCase(closed, closed.version)).rejects.toThrow(/erasures or erasedAt/);
      expect(await store().getCase(closed.id)).toEqual(closed);
    });
  });
}
