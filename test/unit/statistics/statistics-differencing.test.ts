import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import { aggregateStatisticsRows } from '../../../src/adapters/store/aggregate-statistics-rows';
import { addCalendarDays } from '../../../src/domain/calendar/calendar-date';
import type { CaseStatisticsRow } from '../../../src/domain/statistics/case-statistics-row';
import { computeStatisticsReport, monthsBetween } from '../../../src/domain/statistics/compute-statistics-report';
import { periodFor, type StatisticsPeriodChoice } from '../../../src/domain/statistics/statistics-period';
import type { Figure, ReportCounts, StatisticsReport } from '../../../src/domain/statistics/statistics-report';
import { loadSampleDirectory } from '../../support/test-directory';

/**
 * The issue's proof that no combination of filters reveals a cell under 5 (docs/statistics.md): every period the
 * card and the export allow (this term, last term, school year, every custom range of whole months and some
 * ranges of days) × every district scope (each district alone, all together), over a seeded data set full of
 * small cells. No shown count, no difference of two shown counts and no table total minus its shown cells is 1–4.
 */
const directory = loadSampleDirectory();
const rules = calendarOf(directory);
const districts = ['FAR', 'SOD', 'BRO'] as const;
const today = '2027-03-15';

/** A deterministic pseudo-random sequence (a linear congruential generator), so that the data set is fixed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function seededRows(): CaseStatisticsRow[] {
  const random = seeded(16);
  const pick = <T>(values: readonly T[]): T => values[Math.floor(random() * values.length)] as T;
  const rows: CaseStatisticsRow[] = [];
  const unitOf = (d: string): string => directory.investigationUnits.find((u) => u.districtCode === d)?.id ?? `${d}-INV`;
  // Farsta busy, Södermalm thin, Bromma with three cases in all: cells of 1–4 everywhere.
  const perDistrict: Record<(typeof districts)[number], number> = { FAR: 160, SOD: 23, BRO: 3 };
  for (const districtCode of districts) {
    for (let i = 0; i < perDistrict[districtCode]; i += 1) {
      const reportedOn = addCalendarDays('2026-08-19', Math.floor(random() * 290));
      const taken = random() < 0.8 ? addCalendarDays(reportedOn, Math.floor(random() * 6)) : null;
      const closed = taken !== null && random() < 0.4 ? addCalendarDays(taken, 5 + Math.floor(random() * 60)) : null;
      const handedOver = taken !== null && random() < 0.3 ? addCalendarDays(taken, Math.floor(random() * 10)) : null;
      const urgent = handedOver !== null && random() < 0.3;
      const acknowledged = handedOver !== null && random() < 0.8 ? addCalendarDays(handedOver, Math.floor(random() * 4)) : null;
      rows.push({
        kind: random() < 0.1 ? 'consultation' : 'referral',
        state: closed !== null ? 'closed' : random() < 0.05 ? 'merged' : 'assigned',
        districtCode,
        supportLevel: pick(['school_internal', 'sst', 'intensive'] as const),
        suspectedHarm: urgent,
        reportedOn,
        takenOn: taken,
        closedOn: closed,
        outcome: closed === null ? null : pick(['back_in_school', 'attendance_improved', 'other_support', 'pupil_moved'] as const),
        handoverUnitId: handedOver === null ? null : unitOf(districtCode),
        handoverUrgent: handedOver === null ? null : urgent,
        handedOverOn: handedOver,
        handoverArrivedOn: handedOver,
        handoverArrivedTime: handedOver === null ? null : pick(['09:15', '15:00', '18:30']),
        acknowledgedOn: acknowledged,
        acknowledgedTime: acknowledged === null ? null : pick(['10:00', '16:00']),
        handoverOutcome: handedOver !== null && random() < 0.6 ? pick(['investigation_opened', 'not_opened', 'already_ongoing'] as const) : null,
        handoverOutcomeDays: null,
        attendanceChangePoints: taken !== null && random() < 0.5 ? Math.floor(random() * 41) - 25 : null,
      });
    }
  }
  // One Farsta report on 31 January alone: the cell a custom 1–31 vs 1–30 January would reveal.
  const first = rows[0];
  if (first !== undefined) rows.push({ ...first, districtCode: 'FAR', reportedOn: '2027-01-31', kind: 'referral', state: 'assigned' });
  return rows.map((r) => (r.handoverOutcome === null ? r : { ...r, handoverOutcomeDays: 5 + (r.reportedOn.charCodeAt(9) % 15) }));
}

const rows = seededRows();

function reportFor(choice: StatisticsPeriodChoice, districtCodes: readonly string[]): StatisticsReport {
  const period = periodFor(choice, rules, today);
  if (period === undefined) throw new Error(`No period for ${JSON.stringify(choice)}`);
  const unitIds = directory.investigationUnits.filter((u) => districtCodes.includes(u.districtCode)).map((u) => u.id);
  const openOn = period.to < today ? period.to : today;
  const facts = aggregateStatisticsRows(rows, { ...period, openOn, districtCodes, unitIds });
  return computeStatisticsReport({ ...period, districtCodes }, facts, {
    rules,
    reminders: directory.reminders,
    unitDistricts: new Map(directory.investigationUnits.map((u) => [u.id, u.districtCode])),
    openOn,
  });
}

const months = monthsBetween('2026-08-01', '2027-06-30');
const endOfMonth = (month: string): string => addCalendarDays(`${monthsBetween(`${month}-01`, addCalendarDays(`${month}-28`, 7))[1]}-01`, -1);
const choices: StatisticsPeriodChoice[] = [
  { period: 'this_term' },
  { period: 'last_term' },
  { period: 'school_year' },
  ...months.flatMap((first, i) => months.slice(i).map((last): StatisticsPeriodChoice => ({ period: 'custom', from: `${first}-01`, to: endOfMonth(last) }))),
  { period: 'custom', from: '2027-01-01', to: '2027-01-30' },
  { period: 'custom', from: '2027-01-02', to: '2027-01-31' },
  { period: 'custom', from: '2026-11-15', to: '2027-02-14' },
];
const scopes: string[][] = [...districts.map((d) => [d]), [...districts]];
const reports = choices.flatMap((choice) => scopes.map((scope) => reportFor(choice, scope)));

const counts = (c: ReportCounts): Figure[] => [c.total, ...Object.values(c.bySupportLevel), c.suspectedHarm, c.consultations];
function shownCounts(r: StatisticsReport): number[] {
  const figures = [
    ...r.reportsByMonth.flatMap(counts),
    ...r.reportsByDistrict.flatMap(counts),
    r.timeToTake.cases,
    r.handovers.count,
    ...r.handovers.outcomes.map((o) => o.count),
    ...r.closedByOutcome.map((o) => o.count),
    ...r.openByAge.map((o) => o.count),
    ...r.attendance.map((a) => a.cases),
  ];
  return figures.flatMap((f) => (f.shown ? [f.value] : []));
}
const value = (f: Figure): number => (f.shown ? f.value : 0);
const isSmall = (n: number): boolean => Math.abs(n) >= 1 && Math.abs(n) <= 4;

describe('no combination of filters reveals a cell under 5', () => {
  it('has small cells to protect: the raw data differ by 1 between 1–30 and 1–31 January', () => {
    const inFarsta = (from: string, to: string) => rows.filter((r) => r.districtCode === 'FAR' && r.kind === 'referral' && r.state !== 'merged' && from <= r.reportedOn && r.reportedOn <= to).length;
    expect(isSmall(inFarsta('2027-01-01', '2027-01-31') - inFarsta('2027-01-01', '2027-01-30'))).toBe(true);
    expect(rows.filter((r) => r.districtCode === 'BRO').length).toBe(3);
    expect(reports.length).toBe(choices.length * scopes.length);
  });

  it('shows a custom period of days as the whole months around it', () => {
    expect(reportFor({ period: 'custom', from: '2027-01-01', to: '2027-01-30' }, ['FAR'])).toEqual(
      reportFor({ period: 'custom', from: '2027-01-01', to: '2027-01-31' }, ['FAR']),
    );
  });

  it('never shows a count of 1–4', () => {
    for (const r of reports) for (const n of shownCounts(r)) expect(isSmall(n), `${n} in ${r.query.from}–${r.query.to} ${r.query.districtCodes.join(',')}`).toBe(false);
  });

  it('no difference between two shown counts, under any two filter choices, is 1–4', () => {
    const distinct = [...new Set(reports.flatMap(shownCounts))];
    expect(distinct.length).toBeGreaterThan(5);
    for (const a of distinct) for (const b of distinct) expect(isSmall(a - b), `${a} − ${b}`).toBe(false);
  });

  it('no table total minus its shown cells is 1–4', () => {
    for (const r of reports) {
      const tables: Array<[Figure, Figure[]]> = [
        ...[...r.reportsByMonth, ...r.reportsByDistrict].map((c): [Figure, Figure[]] => [c.total, Object.values(c.bySupportLevel)]),
        [r.handovers.count, r.handovers.outcomes.map((o) => o.count)],
      ];
      const monthTotal = r.reportsByMonth.reduce((n, m) => n + value(m.total), 0);
      const districtTotal = r.reportsByDistrict.reduce((n, d) => n + value(d.total), 0);
      expect(isSmall(monthTotal - districtTotal)).toBe(false);
      for (const [total, cells] of tables) {
        const rest = value(total) - cells.reduce((n, c) => n + value(c), 0);
        expect(isSmall(rest), `${r.query.from}–${r.query.to} ${r.query.districtCodes.join(',')}`).toBe(false);
      }
    }
  });
});
