import type { CaseStatisticsRow } from '../../domain/statistics/case-statistics-row';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../domain/statistics/statistics-facts';

/**
 * Statistics aggregates over statistics rows: the same filters and groups as the SQL of ./sqlite/sqlite-statistics.ts,
 * as plain loops. The Cosmos store groups here what its emulator cannot (docs/cosmos.md); the in-memory double too.
 */
export function aggregateStatisticsRows(all: Iterable<CaseStatisticsRow>, q: StatisticsFactsQuery): StatisticsFacts {
  const rows = [...all].filter((r) => r.state !== 'merged');
  const districts = new Set(q.districtCodes);
  const units = new Set(q.unitIds);
  const inPeriod = (d: string | null): d is string => d !== null && q.from <= d && d <= q.to;
  const ofDistricts = rows.filter((r) => districts.has(r.districtCode));
  const referrals = ofDistricts.filter((r) => r.kind === 'referral');
  const handovers = rows.filter((r) => r.kind === 'referral' && r.handoverUnitId !== null && units.has(r.handoverUnitId) && inPeriod(r.handedOverOn));
  return {
    reports: grouped(
      ofDistricts.filter((r) => inPeriod(r.reportedOn) && (r.kind === 'referral' || r.kind === 'consultation')),
      (r) => ({
        month: r.reportedOn.slice(0, 7),
        districtCode: r.districtCode,
        kind: r.kind === 'consultation' ? ('consultation' as const) : ('referral' as const),
        supportLevel: r.supportLevel,
        suspectedHarm: r.suspectedHarm,
      }),
    ),
    taken: grouped(
      referrals.filter((r) => inPeriod(r.takenOn)),
      (r) => ({ districtCode: r.districtCode, reportedOn: r.reportedOn, takenOn: r.takenOn ?? '' }),
    ),
    handoverAcknowledgements: grouped(handovers, (r) => ({
      unitId: r.handoverUnitId ?? '',
      urgent: r.handoverUrgent === true,
      arrivedOn: r.handoverArrivedOn ?? '',
      arrivedTime: r.handoverUrgent === true ? r.handoverArrivedTime : null,
      acknowledgedOn: r.acknowledgedOn,
      acknowledgedTime: r.handoverUrgent === true ? r.acknowledgedTime : null,
    })),
    handoverOutcomes: grouped(handovers, (r) => ({ outcome: r.handoverOutcome, days: r.handoverOutcomeDays })),
    closed: grouped(
      referrals.filter((r) => r.state === 'closed' && inPeriod(r.closedOn)),
      (r) => ({ outcome: r.outcome }),
    ),
    open: grouped(
      referrals.filter((r) => r.reportedOn <= q.openOn && (r.closedOn === null || r.closedOn > q.openOn)),
      (r) => ({ reportedOn: r.reportedOn }),
    ),
    attendance: grouped(
      referrals.filter((r) => inPeriod(r.reportedOn) && r.attendanceChangePoints !== null),
      (r) => ({ supportLevel: r.supportLevel, changePoints: r.attendanceChangePoints ?? 0 }),
    ),
  };
}

function grouped<K extends object>(rows: readonly CaseStatisticsRow[], key: (r: CaseStatisticsRow) => K): Array<K & { count: number }> {
  const groups = new Map<string, K & { count: number }>();
  for (const r of rows) {
    const k = key(r);
    const id = JSON.stringify(k);
    const group = groups.get(id) ?? { ...k, count: 0 };
    group.count += 1;
    groups.set(id, group);
  }
  return [...groups.values()];
}
