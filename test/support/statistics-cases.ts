import type { Case, NewCase } from '../../src/domain/case/case';
import type { Handover } from '../../src/domain/handover/handover';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../src/domain/statistics/statistics-facts';
import { aNewCase } from './a-new-case';

/**
 * A small set of Farsta cases (plus one from Södermalm) that touches every statistics figure once, for the
 * store contract and the retention test; `statisticsFactsQuery` and `expectedStatisticsFacts` are what a
 * store must answer for them. Instants are UTC; the dates in the comments are Stockholm dates.
 */
export function statisticsCases(): NewCase[] {
  const referral = (overrides: Partial<NewCase>): NewCase => aNewCase(overrides);
  const history = (createdAt: string, ...more: Case['history']): Case['history'] => [{ at: createdAt, by: 'teacher-1', type: 'submitted' }, ...more];
  const handover = (overrides: Partial<Handover>): Handover => ({
    state: 'pending',
    unitId: 'FAR-INV',
    urgent: false,
    summary: 'Sammanfattning',
    legalGround: 'consent',
    handedOverBy: 'sst-1',
    handedOverAt: '2026-11-20T10:00:00.000Z',
    receivedOn: '2026-11-20',
    forwards: [],
    inputRequests: [],
    ...overrides,
  });
  return [
    // Reported 23 Nov, taken 25 Nov; a check-in 12 points below the report's 32 %.
    referral({
      createdAt: '2026-11-23T09:00:00.000Z',
      state: 'assigned',
      history: history('2026-11-23T09:00:00.000Z', { at: '2026-11-25T10:00:00.000Z', by: 'sst-1', type: 'taken' }),
      attendance: [{ on: '2026-12-10', totalPercent: 20, unexcusedPercent: 10, by: 'teacher-1' }],
    }),
    // Reported 30 Nov 23:30 UTC = 1 Dec 00:30 in Stockholm: a December report. Urgent handover, acknowledged the
    // same afternoon; outcome 10 days after the report of concern of 30 Nov.
    referral({
      createdAt: '2026-11-30T23:30:00.000Z',
      state: 'handed_over',
      supportLevel: 'intensive',
      suspectedHarm: true,
      concernReportedOn: '2026-11-30',
      handover: handover({
        state: 'outcome_reported',
        urgent: true,
        handedOverAt: '2026-12-01T13:00:00.000Z',
        receivedOn: '2026-12-01',
        assessmentClock: { startsOn: '2026-11-30', basis: 'report_of_concern', unitId: 'FAR-INV' },
        acknowledgement: { responsibleId: 'inv-1', recordedBy: 'inv-1', at: '2026-12-01T14:00:00.000Z' },
        outcome: { outcome: 'investigation_opened', by: 'inv-1', at: '2026-12-10T09:00:00.000Z' },
      }),
    }),
    // Reported in October (before the period), closed 15 Dec: closed in the period, not reported in it.
    referral({
      createdAt: '2026-10-01T08:00:00.000Z',
      supportLevel: 'school_internal',
      state: 'closed',
      outcome: 'back_in_school',
      closedAt: '2026-12-15T10:00:00.000Z',
    }),
    // An anonymous question.
    aNewCase({ kind: 'consultation', createdAt: '2026-11-10T09:00:00.000Z', supportLevel: undefined }),
    // A duplicate merged into another case: counts nowhere.
    referral({ createdAt: '2026-11-11T09:00:00.000Z', state: 'merged', mergedIntoId: 'elsewhere', closedAt: '2026-11-12T09:00:00.000Z' }),
    // Another district: outside a Farsta query.
    referral({ createdAt: '2026-11-12T09:00:00.000Z', routing: { ...aNewCase().routing, schoolDistrictCode: 'SOD' } }),
    // Reported in August, still new: only an open case.
    referral({ createdAt: '2026-08-20T08:00:00.000Z' }),
    // An investigator's input request: not a team handover.
    aNewCase({ kind: 'input_request', createdAt: '2026-11-16T09:00:00.000Z', handover: handover({ handedOverAt: '2026-11-16T09:00:00.000Z' }) }),
    // A handover of 20 Nov that nobody acknowledged yet.
    referral({ createdAt: '2026-11-03T09:00:00.000Z', state: 'handed_over', handover: handover({}) }),
  ];
}

export const statisticsFactsQuery: StatisticsFactsQuery = {
  from: '2026-11-01',
  to: '2026-12-31',
  openOn: '2026-12-31',
  districtCodes: ['FAR'],
  unitIds: ['FAR-INV'],
};

export const expectedStatisticsFacts: StatisticsFacts = {
  reports: [
    { month: '2026-11', districtCode: 'FAR', kind: 'referral', supportLevel: 'sst', suspectedHarm: false, count: 2 },
    { month: '2026-12', districtCode: 'FAR', kind: 'referral', supportLevel: 'intensive', suspectedHarm: true, count: 1 },
    { month: '2026-11', districtCode: 'FAR', kind: 'consultation', supportLevel: null, suspectedHarm: false, count: 1 },
  ],
  taken: [{ districtCode: 'FAR', reportedOn: '2026-11-23', takenOn: '2026-11-25', count: 1 }],
  handoverAcknowledgements: [
    { unitId: 'FAR-INV', urgent: true, arrivedOn: '2026-12-01', arrivedTime: '14:00', acknowledgedOn: '2026-12-01', acknowledgedTime: '15:00', count: 1 },
    { unitId: 'FAR-INV', urgent: false, arrivedOn: '2026-11-20', arrivedTime: null, acknowledgedOn: null, acknowledgedTime: null, count: 1 },
  ],
  handoverOutcomes: [
    { outcome: 'investigation_opened', days: 10, count: 1 },
    { outcome: null, days: null, count: 1 },
  ],
  closed: [{ outcome: 'back_in_school', count: 1 }],
  open: [
    { reportedOn: '2026-08-20', count: 1 },
    { reportedOn: '2026-11-03', count: 1 },
    { reportedOn: '2026-11-23', count: 1 },
    { reportedOn: '2026-12-01', count: 1 },
  ],
  attendance: [{ supportLevel: 'sst', changePoints: -12, count: 1 }],
};

/** Facts with every list in one order, so that stores that group in different orders compare equal. */
export function sortedFacts(f: StatisticsFacts): StatisticsFacts {
  const sorted = <T>(rows: readonly T[]): T[] => [...rows].sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
  return {
    reports: sorted(f.reports),
    taken: sorted(f.taken),
    handoverAcknowledgements: sorted(f.handoverAcknowledgements),
    handoverOutcomes: sorted(f.handoverOutcomes),
    closed: sorted(f.closed),
    open: sorted(f.open),
    attendance: sorted(f.attendance),
  };
}
