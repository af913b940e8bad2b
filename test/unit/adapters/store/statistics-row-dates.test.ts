import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CaseStore } from '../../../../src/app/ports/case-store';
import type { StockholmTime } from '../../../../src/app/ports/clock';
import { caseCodecOf } from '../../../../src/adapters/store/cosmos/cosmos-items';
import { SqliteCaseStore } from '../../../../src/adapters/store/sqlite/sqlite-case-store';
import { statisticsColumnsOf } from '../../../../src/adapters/store/sqlite/sqlite-statistics';
import type { Case } from '../../../../src/domain/case/case';
import { aNewCase } from '../../../support/a-new-case';
import { InMemoryCaseStore } from '../../../support/in-memory-case-store';

/**
 * The stores date a case's statistics row with the StockholmTime port they are given (src/run.ts passes the
 * Clock), not with a time-zone conversion of their own. A port that files every instant on one far-off date
 * shows which one they used.
 */
const elsewhere: StockholmTime = { toLocal: () => ({ date: '1999-12-31', time: '23:59' }) };
const stored: Case = { ...aNewCase({ createdAt: '2026-10-05T08:00:00.000Z' }), reference: 'FAR-2026-0001', version: 1 };

/** The months in which `store` counts the stored case as reported. */
async function reportMonths(store: CaseStore): Promise<string[]> {
  await store.createCase(stored, 2026);
  const query = { from: '1999-01-01', to: '2026-12-31', openOn: '2026-12-31', districtCodes: [stored.routing.schoolDistrictCode], unitIds: [] };
  return (await store.statisticsFacts(query)).reports.map((r) => r.month);
}

describe('the statistics row of a stored case', () => {
  it('is dated by the injected port in SQLite', () => {
    expect(statisticsColumnsOf(stored, elsewhere)).toMatchObject({ caseId: stored.id, reportedOn: '1999-12-31' });
  });

  it('is dated by the injected port in Cosmos', () => {
    expect(caseCodecOf(elsewhere).encode(stored)).toMatchObject({ statistics: { reportedOn: '1999-12-31' } });
  });

  it('is dated by the injected port in the SQLite store', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'sst-statistics-dates-'));
    const store = SqliteCaseStore.open(join(dir, 'cases.db'), elsewhere);
    try {
      expect(await reportMonths(store)).toEqual(['1999-12']);
    } finally {
      await store.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('is dated by the injected port in the in-memory store', async () => {
    expect(await reportMonths(new InMemoryCaseStore(elsewhere))).toEqual(['1999-12']);
  });
});
