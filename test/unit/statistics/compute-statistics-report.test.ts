import { describe, expect, it } from 'vitest';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import { computeStatisticsReport } from '../../../src/domain/statistics/compute-statistics-report';
import { shownCount, shownPercent, shownQuantile } from '../../../src/domain/statistics/disclosure-control';
import type { StatisticsFacts } from '../../../src/domain/statistics/statistics-facts';
import { periodFor } from '../../../src/domain/statistics/statistics-period';
import { loadSampleDirectory } from '../../support/test-directory';

const directory = loadSampleDirectory();
const rules = calendarOf(directory);
const none: StatisticsFacts = { reports: [], taken: [], handoverAcknowledgements: [], handoverOutcomes: [], closed: [], open: [], attendance: [] };
const query = { from: '2026-11-01', to: '2026-11-30', districtCodes: ['FAR'] };
const context = { rules, reminders: directory.reminders, unitDistricts: new Map([['FAR-INV', 'FAR']]), openOn: '2026-11-30' };
const report = (facts: Partial<StatisticsFacts>) => computeStatisticsReport(query, { ...none, ...facts }, context);

describe('disclosure control', () => {
  it.each([
    [0, { shown: true, value: 0 }],
    [1, { shown: false }],
    [4, { shown: false }],
    [5, { shown: true, value: 5 }],
    [7, { shown: true, value: 5 }],
    [8, { shown: true, value: 10 }],
    [123, { shown: true, value: 125 }],
  ])('shows a count of %i as %j', (n, figure) => expect(shownCount(n)).toEqual(figure));

  it('computes no share from fewer than 5 cases and none whose part is 1–4', () => {
    expect(shownPercent(4, 4)).toEqual({ shown: false });
    expect(shownPercent(3, 40)).toEqual({ shown: false });
    expect(shownPercent(0, 40)).toEqual({ shown: true, value: 0 });
    expect(shownPercent(12, 40)).toEqual({ shown: true, value: 25 });
  });

  it('computes no median from fewer than 5 cases, and a nearest-rank quantile from 5', () => {
    expect(shownQuantile([{ value: 3, count: 4 }], 0.5)).toEqual({ shown: false });
    const h = [{ value: 9, count: 1 }, { value: 1, count: 3 }, { value: 4, count: 6 }];
    expect(shownQuantile(h, 0.5)).toEqual({ shown: true, value: 4 });
    expect(shownQuantile(h, 0.9)).toEqual({ shown: true, value: 4 });
    expect(shownQuantile(h, 1)).toEqual({ shown: true, value: 9 });
  });
});

describe('statistics report', () => {
  it('counts referrals by month and support level, harm and consultations, rounded', () => {
    const r = report({
      reports: [
        { month: '2026-11', districtCode: 'FAR', kind: 'referral', supportLevel: 'sst', suspectedHarm: false, count: 9 },
        { month: '2026-11', districtCode: 'FAR', kind: 'referral', supportLevel: 'intensive', suspectedHarm: true, count: 2 },
        { month: '2026-11', districtCode: 'FAR', kind: 'consultation', supportLevel: null, suspectedHarm: false, count: 6 },
      ],
    });
    expect(r.reportsByMonth).toEqual([
      {
        month: '2026-11',
        total: { shown: true, value: 10 },
        bySupportLevel: { school_internal: { shown: true, value: 0 }, sst: { shown: true, value: 10 }, intensive: { shown: false } },
        suspectedHarm: { shown: false },
        consultations: { shown: true, value: 5 },
      },
    ]);
  });

  it('measures time to take in school days and against the district limit (2 school days)', () => {
    // Fri 20 Nov → Tue 24 Nov is 2 school days (the limit), → Wed 25 Nov 3 school days.
    const r = report({
      taken: [
        { districtCode: 'FAR', reportedOn: '2026-11-20', takenOn: '2026-11-24', count: 6 },
        { districtCode: 'FAR', reportedOn: '2026-11-20', takenOn: '2026-11-25', count: 4 },
      ],
    });
    expect(r.timeToTake).toEqual({
      cases: { shown: true, value: 10 },
      medianSchoolDays: { shown: true, value: 2 },
      p90SchoolDays: { shown: true, value: 3 },
      withinLimitPercent: { shown: true, value: 50 },
    });
  });

  it('measures each take against its own district limit and counts takes of equal length together', () => {
    // Farsta allows 2 school days, Södermalm (here) 3: Fri 20 Nov → Wed 25 Nov is 3 school days in both.
    const defaults = directory.reminders.defaults;
    const reminders = { ...directory.reminders, districts: { SOD: { ...defaults, unassigned: { ...defaults.unassigned, remindAfterSchoolDays: 3 } } } };
    const r = computeStatisticsReport(
      { ...query, districtCodes: ['FAR', 'SOD'] },
      {
        ...none,
        taken: [
          { districtCode: 'FAR', reportedOn: '2026-11-20', takenOn: '2026-11-24', count: 4 },
          // Mon 23 Nov → Wed 25 Nov is 2 school days too: one length, whatever the dates.
          { districtCode: 'FAR', reportedOn: '2026-11-23', takenOn: '2026-11-25', count: 4 },
          { districtCode: 'FAR', reportedOn: '2026-11-20', takenOn: '2026-11-25', count: 2 },
          { districtCode: 'SOD', reportedOn: '2026-11-20', takenOn: '2026-11-25', count: 5 },
        ],
      },
      { ...context, reminders },
    );
    expect(r.timeToTake).toEqual({
      cases: { shown: true, value: 15 },
      // 15 takes: 8 of 2 school days and 7 of 3; the 8th is the median, the 14th the 90th percentile.
      medianSchoolDays: { shown: true, value: 2 },
      p90SchoolDays: { shown: true, value: 3 },
      // Within: the 8 of 2 days in Farsta and the 5 of 3 days in Södermalm, not the 2 of 3 days in Farsta:
      // 13 of 15, rounded 15 of 15.
      withinLimitPercent: { shown: true, value: 100 },
    });
  });

  it('checks urgent handovers against the same working day and others against the unit district limit in working days', () => {
    const ack = (urgent: boolean, arrivedOn: string, arrivedTime: string | null, acknowledgedOn: string | null, acknowledgedTime: string | null, count: number) =>
      ({ unitId: 'FAR-INV', urgent, arrivedOn, arrivedTime, acknowledgedOn, acknowledgedTime, count });
    const r = report({
      handoverAcknowledgements: [
        ack(true, '2026-11-24', '10:00', '2026-11-24', '16:30', 5),
        // Arrived after hours: due the end of the next working day.
        ack(true, '2026-11-24', '18:00', '2026-11-25', '09:00', 5),
        ack(true, '2026-11-24', '10:00', '2026-11-25', '09:00', 10),
        ack(false, '2026-11-20', null, '2026-11-24', null, 10),
        ack(false, '2026-11-20', null, '2026-11-25', null, 10),
      ],
      handoverOutcomes: [
        { outcome: 'not_opened', days: 14, count: 20 },
        { outcome: 'investigation_opened', days: 15, count: 10 },
        { outcome: null, days: null, count: 10 },
      ],
    });
    expect(r.handovers.count).toEqual({ shown: true, value: 40 });
    expect(r.handovers.urgentAcknowledgedSameDayPercent).toEqual({ shown: true, value: 50 });
    expect(r.handovers.acknowledgedWithinLimitPercent).toEqual({ shown: true, value: 50 });
    expect(r.handovers.outcomeWithin14DaysPercent).toEqual({ shown: true, value: 50 });
    expect(r.handovers.outcomes).toEqual([
      { outcome: 'investigation_opened', count: { shown: true, value: 10 } },
      { outcome: 'not_opened', count: { shown: true, value: 20 } },
      { outcome: 'already_ongoing', count: { shown: true, value: 0 } },
    ]);
  });

  it('bands open cases by school days open and gives the attendance change by level', () => {
    const r = report({
      open: [
        { reportedOn: '2026-11-27', count: 5 },
        { reportedOn: '2026-08-20', count: 6 },
      ],
      attendance: [
        { supportLevel: 'sst', changePoints: -10, count: 5 },
        { supportLevel: 'sst', changePoints: 2, count: 5 },
        { supportLevel: 'intensive', changePoints: -20, count: 3 },
      ],
    });
    expect(r.openByAge.map((b) => [b.band, b.count])).toEqual([
      ['0-5', { shown: true, value: 5 }],
      ['6-20', { shown: true, value: 0 }],
      ['21-60', { shown: true, value: 0 }],
      ['61+', { shown: true, value: 5 }],
    ]);
    expect(r.attendance[1]).toEqual({
      supportLevel: 'sst',
      cases: { shown: true, value: 10 },
      medianChangePoints: { shown: true, value: -10 },
      improvedBy10PointsPercent: { shown: true, value: 50 },
    });
    expect(r.attendance[2]).toEqual({ supportLevel: 'intensive', cases: { shown: false }, medianChangePoints: { shown: false }, improvedBy10PointsPercent: { shown: false } });
  });
});

describe('statistics periods', () => {
  it.each([
    ['this term in the autumn', { period: 'this_term' } as const, '2026-11-24', { from: '2026-08-19', to: '2026-12-20' }],
    ['this term during the Christmas break', { period: 'this_term' } as const, '2026-12-28', { from: '2026-08-19', to: '2026-12-20' }],
    ['last term in the spring', { period: 'last_term' } as const, '2027-03-15', { from: '2026-08-19', to: '2026-12-20' }],
    ['the school year in the spring', { period: 'school_year' } as const, '2027-03-15', { from: '2026-08-19', to: '2027-06-10' }],
    ['the school year in the autumn', { period: 'school_year' } as const, '2026-11-24', { from: '2026-08-19', to: '2027-06-10' }],
    ['a custom period, widened to whole months', { period: 'custom', from: '2027-02-10', to: '2026-11-03' } as const, '2027-03-15', { from: '2026-11-01', to: '2027-02-28' }],
  ])('%s', (_name, choice, today, period) => expect(periodFor(choice, rules, today)).toEqual(period));
});
