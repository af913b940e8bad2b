import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports/case-store';
import { eraseCase } from '../../src/domain/retention/retention';
import { expectedStatisticsFacts, sortedFacts, statisticsCases, statisticsFactsQuery } from '../support/statistics-cases';

/** Every statistics aggregate a store computes, on a small set that touches each figure (docs/statistics.md). */
export function statisticsContract(store: () => CaseStore): void {
  describe('statistics aggregates', () => {
    it('counts reports, takes, handovers, outcomes, open cases and attendance changes in the districts and units asked for', async () => {
      for (const c of statisticsCases()) await store().createCase(c, 2026);
      expect(sortedFacts(await store().statisticsFacts(statisticsFactsQuery))).toEqual(sortedFacts(expectedStatisticsFacts));
    });

    it('counts a case closed after the date open cases are counted on as open on that date', async () => {
      for (const c of statisticsCases()) await store().createCase(c, 2026);
      // The October referral closed on 15 December was still open on 10 December.
      const facts = await store().statisticsFacts({ ...statisticsFactsQuery, openOn: '2026-12-10' });
      expect(sortedFacts(facts).open).toEqual(sortedFacts({ ...expectedStatisticsFacts, open: [...expectedStatisticsFacts.open, { reportedOn: '2026-10-01', count: 1 }] }).open);
    });

    it('follows a case through its changes: taken, then closed', async () => {
      const [first] = statisticsCases();
      if (first === undefined) throw new Error('no fixture');
      const { case: created } = await store().createCase({ ...first, state: 'new', history: first.history.slice(0, 1), attendance: undefined }, 2026);
      const taken = { ...created, state: 'assigned' as const, history: [...created.history, { at: '2026-11-25T10:00:00.000Z', by: 'sst-1', type: 'taken' as const }] };
      const afterTake = await store().updateCase(taken, created.version);
      if (!afterTake.ok) throw new Error('update failed');
      expect((await store().statisticsFacts(statisticsFactsQuery)).taken).toEqual([{ districtCode: 'FAR', reportedOn: '2026-11-23', takenOn: '2026-11-25', count: 1 }]);
      const closed = { ...afterTake.case, state: 'closed' as const, outcome: 'other_support' as const, closedAt: '2026-12-02T10:00:00.000Z' };
      expect((await store().updateCase(closed, afterTake.case.version)).ok).toBe(true);
      const facts = await store().statisticsFacts(statisticsFactsQuery);
      expect(facts.closed).toEqual([{ outcome: 'other_support', count: 1 }]);
      expect(facts.open).toEqual([]);
    });

    it('moves a case between counts when its support level changes and drops it once it is merged', async () => {
      const [first] = statisticsCases();
      if (first === undefined) throw new Error('no fixture');
      const twin = { ...first, id: 'twin', reference: 'FAR-2026-9999', submissionKey: 'tenant-1:teacher-1:twin' };
      const { case: one } = await store().createCase(first, 2026);
      const { case: two } = await store().createCase(twin, 2026);
      const counts = async () => {
        const facts = await store().statisticsFacts(statisticsFactsQuery);
        return { reports: sortedFacts(facts).reports, taken: facts.taken };
      };
      const reported = (supportLevel: 'sst' | 'intensive', count: number) =>
        ({ month: '2026-11', districtCode: 'FAR', kind: 'referral', supportLevel, suspectedHarm: false, count }) as const;
      expect(await counts()).toEqual({ reports: [reported('sst', 2)], taken: [{ districtCode: 'FAR', reportedOn: '2026-11-23', takenOn: '2026-11-25', count: 2 }] });

      const raised = await store().updateCase({ ...one, supportLevel: 'intensive' }, one.version);
      if (!raised.ok) throw new Error('update failed');
      expect((await counts()).reports).toEqual(sortedFacts({ ...expectedStatisticsFacts, reports: [reported('sst', 1), reported('intensive', 1)] }).reports);

      const merged = { ...two, state: 'merged' as const, mergedIntoId: one.id, closedAt: '2026-11-26T09:00:00.000Z' };
      expect((await store().updateCase(merged, two.version)).ok).toBe(true);
      expect(await counts()).toEqual({ reports: [reported('intensive', 1)], taken: [{ districtCode: 'FAR', reportedOn: '2026-11-23', takenOn: '2026-11-25', count: 1 }] });
    });

    it('counts nothing for a period without cases or a scope without districts', async () => {
      for (const c of statisticsCases()) await store().createCase(c, 2026);
      const empty = { reports: [], taken: [], handoverAcknowledgements: [], handoverOutcomes: [], closed: [], open: [], attendance: [] };
      expect(await store().statisticsFacts({ ...statisticsFactsQuery, districtCodes: [], unitIds: [] })).toEqual(empty);
      const before = await store().statisticsFacts({ ...statisticsFactsQuery, from: '2026-01-01', to: '2026-01-31', openOn: '2026-01-31' });
      expect(before).toEqual(empty);
    });

    it('gives the same aggregates after every case has been erased', async () => {
      for (const c of statisticsCases()) {
        const { case: stored } = await store().createCase(c, 2026);
        const erased = await store().eraseCase(eraseCase(stored, '2030-01-01T00:00:00.000Z'), stored.version);
        expect(erased.ok).toBe(true);
      }
      expect(sortedFacts(await store().statisticsFacts(statisticsFactsQuery))).toEqual(sortedFacts(expectedStatisticsFacts));
    });
  });
}
