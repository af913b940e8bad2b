import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import { statisticsFor } from '../../../src/app/compute-statistics';
import { exportStatistics, statisticsToCsv, suppressedCsvValue } from '../../../scripts/statistics-export/export-statistics';
import { parseStatisticsExportArgs } from '../../../scripts/statistics-export/statistics-export-args';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { statisticsCases } from '../../support/statistics-cases';
import { loadSampleDirectory } from '../../support/test-directory';
import { aNewCase } from '../../support/a-new-case';

const directory = loadSampleDirectory();

async function deps() {
  const store = new InMemoryCaseStore();
  for (const c of statisticsCases()) await store.createCase(c, 2026);
  // Enough Farsta referrals in November that some figures are shown, not only suppressed.
  for (let i = 0; i < 12; i += 1) await store.createCase(aNewCase({ createdAt: `2026-11-${String(10 + i).padStart(2, '0')}T09:00:00.000Z` }), 2026);
  return { store, clock: new FixedClock('2027-01-15T10:00:00.000Z'), directory: () => directory, calendar: () => calendarOf(directory) };
}

describe('statistics export', () => {
  it('exports as JSON exactly the report the card shows for the same query', async () => {
    const d = await deps();
    const exported = await exportStatistics(d, { from: '2026-11-03', to: '2026-12-20', districtCode: 'FAR', format: 'json' });
    const report = await statisticsFor(d, { from: '2026-11-01', to: '2026-12-31', districtCodes: ['FAR'] });
    expect(exported.ok && JSON.parse(exported.text)).toEqual(report);
    expect(report.reportsByMonth[0]?.total).toEqual({ shown: true, value: 15 });
    expect(report.reportsByMonth[1]?.total).toEqual({ shown: false });
  });

  it('exports as CSV one line per figure of that report, suppressed figures as <5', async () => {
    const d = await deps();
    const exported = await exportStatistics(d, { from: '2026-11-01', to: '2026-12-31', format: 'csv' });
    const report = await statisticsFor(d, { from: '2026-11-01', to: '2026-12-31', districtCodes: directory.districts.map((x) => x.code) });
    expect(exported.ok && exported.text).toBe(statisticsToCsv(report));
    const lines = statisticsToCsv(report).trim().split('\n');
    expect(lines).toContain('reports_by_month,2026-11,total,15');
    expect(lines).toContain(`reports_by_month,2026-12,total,${suppressedCsvValue}`);
    expect(lines).toContain('reports_by_district,FAR,total,15');
    expect(lines).toContain(`reports_by_district,SOD,total,${suppressedCsvValue}`);
  });

  it('refuses a district the directory does not know', async () => {
    expect(await exportStatistics(await deps(), { from: '2026-11-01', to: '2026-12-31', districtCode: 'XYZ', format: 'csv' })).toMatchObject({ ok: false });
  });

  it('reads its arguments and explains what is wrong', () => {
    expect(parseStatisticsExportArgs(['--from', '2026-08-01', '--to', '2027-06-30', '--district', 'FAR', '--format', 'json'])).toEqual({
      ok: true,
      args: { from: '2026-08-01', to: '2027-06-30', districtCode: 'FAR', format: 'json' },
    });
    const bad = parseStatisticsExportArgs(['--from', '2026-08-01', '--to', '2026-07-01', '--format', 'xlsx', '--pupil', 'AB']);
    expect(bad.ok).toBe(false);
    const problems = bad.ok ? [] : bad.problems;
    expect(problems).toEqual(expect.arrayContaining(['--pupil: unknown option']));
    expect(problems.at(-1)).toMatch(/^Usage: npm run stats:export/);
  });
});
