import type { CalendarRules } from '../domain/calendar/calendar-rules';
import type { Directory } from '../domain/routing/directory';
import { computeStatisticsReport } from '../domain/statistics/compute-statistics-report';
import type { StatisticsQuery, StatisticsReport } from '../domain/statistics/statistics-report';
import type { Clock } from './ports/clock';
import type { StatisticsStore } from './ports/statistics';

export interface StatisticsDeps {
  store: StatisticsStore;
  clock: Clock;
  directory: () => Directory;
  calendar: () => CalendarRules;
}

/**
 * The anonymous statistics report for `query` (issue #16): the store aggregates, the domain computes the figures
 * and suppresses small cells. No access control here: the caller narrows `districtCodes` to the actor's scope
 * and audits the view. Open cases are counted on the period's last day, or today when that is earlier.
 */
export async function statisticsFor(deps: StatisticsDeps, query: StatisticsQuery): Promise<StatisticsReport> {
  const dir = deps.directory();
  const inScope = new Set(query.districtCodes);
  const units = dir.investigationUnits.filter((u) => inScope.has(u.districtCode));
  const today = deps.clock.today();
  const openOn = query.to < today ? query.to : today;
  const facts = await deps.store.statisticsFacts({
    from: query.from,
    to: query.to,
    openOn,
    districtCodes: query.districtCodes,
    unitIds: units.map((u) => u.id),
  });
  return computeStatisticsReport(query, facts, {
    rules: deps.calendar(),
    reminders: dir.reminders,
    unitDistricts: new Map(dir.investigationUnits.map((u) => [u.id, u.districtCode])),
    openOn,
  });
}
