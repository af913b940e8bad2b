import type { StatisticsSource } from '../../src/app/view-statistics';
import { supportLevels } from '../../src/domain/report/support-level';
import { caseOutcomes } from '../../src/domain/case/case';
import { handoverOutcomes } from '../../src/domain/handover/handover';
import { openAgeBands, type Figure, type StatisticsQuery, type StatisticsReport } from '../../src/domain/statistics/statistics-report';

export const shown = (value: number): Figure => ({ shown: true, value });
export const suppressed: Figure = { shown: false };

/** Every month `YYYY-MM` from `from` to `to`, oldest first. */
function monthsOf(from: string, to: string): string[] {
  const months: string[] = [];
  let [y, m] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (;;) {
    const month = `${y}-${String(m).padStart(2, '0')}`;
    months.push(month);
    if (month >= last) return months;
    m += 1;
    if (m > 12) [y, m] = [y + 1, 1];
  }
}

/**
 * A report for `query` with shown and suppressed figures side by side: in every month SST+ is suppressed and
 * the rest shown; the first district's total is suppressed; one outcome of each kind is suppressed.
 */
export function aStatisticsReport(query: StatisticsQuery): StatisticsReport {
  const counts = (n: number) => ({
    total: shown(40 + n),
    bySupportLevel: { school_internal: shown(12 + n), sst: shown(25 + n), intensive: suppressed },
    suspectedHarm: shown(6 + n),
    consultations: n % 2 === 0 ? suppressed : shown(7),
  });
  return {
    query,
    reportsByMonth: monthsOf(query.from, query.to).map((month, i) => ({ month, ...counts(i) })),
    reportsByDistrict: query.districtCodes.map((districtCode, i) => (i === 0 ? { districtCode, ...counts(i), total: suppressed } : { districtCode, ...counts(i) })),
    timeToTake: { cases: shown(118), medianSchoolDays: shown(2), p90SchoolDays: shown(6), withinLimitPercent: shown(71) },
    handovers: {
      count: shown(23),
      urgentAcknowledgedSameDayPercent: suppressed,
      acknowledgedWithinLimitPercent: shown(87),
      outcomeWithin14DaysPercent: shown(91),
      outcomes: handoverOutcomes.map((outcome, i) => ({ outcome, count: i === 2 ? suppressed : shown(9 + i) })),
    },
    closedByOutcome: caseOutcomes.map((outcome, i) => ({ outcome, count: i === 1 ? suppressed : shown(10 + i * 3) })),
    openByAge: openAgeBands.map((band, i) => ({ band, count: i === 3 ? suppressed : shown(30 - i * 7) })),
    attendance: supportLevels.map((supportLevel) =>
      supportLevel === 'intensive'
        ? { supportLevel, cases: suppressed, medianChangePoints: suppressed, improvedBy10PointsPercent: suppressed }
        : { supportLevel, cases: shown(33), medianChangePoints: shown(-8), improvedBy10PointsPercent: shown(42) },
    ),
  };
}

/** A statistics source that records every query it is asked and answers with `aStatisticsReport`. */
export class RecordingStatisticsSource implements StatisticsSource {
  readonly queries: StatisticsQuery[] = [];

  async report(query: StatisticsQuery): Promise<StatisticsReport> {
    this.queries.push(query);
    return aStatisticsReport(query);
  }
}
