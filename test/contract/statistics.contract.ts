import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports';
import { eraseCase } from '../../src/domain/retention/retention';
import { expectedStatisticsFacts, sortedFacts, statisticsCases, statisticsFactsQuery } from '../support/statistics-cases';

/** Every statistics aggregate a store computes, on a small set that touches each figure (docs/statistics.md). */
export function statisticsContract(store: () => CaseStore): void {
  describe('statistics aggregates', () => {
    it('counts reports, takes, handovers, outcomes, open cases and attendance changes in the districts and units asked for', async () => {
      for (const c of statisticsCases()) await store().createCase(c, 2026);
      expect(sortedFacts(await store().statisticsFacts(statisticsFactsQuery))).toEqual(sortedFacts(expectedStatisticsFacts));
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
