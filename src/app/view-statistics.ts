import { statisticsDistrictsFor, statisticsScopeFor, type StatisticsScope } from '../domain/access/policy';
import type { Actor } from '../domain/case/case';
import { err, ok, type Result } from '../domain/errors';
import type { Directory } from '../domain/routing/directory';
import type { StatisticsQuery, StatisticsReport } from '../domain/statistics/statistics-report';
import type { StatisticsPeriodChoice, StatisticsPeriodResolver } from '../domain/statistics/statistics-period';
import type { AuditLog } from './ports/audit';
import type { Clock } from './ports/clock';

/**
 * Where the figures come from: the store's aggregates, with small cells already suppressed (issue #16, the data
 * side). It is asked only for districts the access policy allowed.
 */
export interface StatisticsSource {
  report(query: StatisticsQuery): Promise<StatisticsReport>;
}

export interface StatisticsDeps {
  statistics: StatisticsSource;
  resolvePeriod: StatisticsPeriodResolver;
  store: Pick<AuditLog, 'appendAudit'>;
  clock: Clock;
  directory: () => Directory;
}

export interface StatisticsRequest {
  choice: StatisticsPeriodChoice;
  /** One district, from the evaluation staff's filter; absent: the person's whole scope. */
  districtCode?: string;
}

/** `period_unavailable`: the directory's calendar does not have the terms the period needs (not audited as a refusal). */
export type StatisticsRefusal = { code: 'not_authorized' } | { code: 'district_out_of_scope' } | { code: 'period_unavailable' };

async function refuse(deps: Pick<StatisticsDeps, 'store' | 'clock'>, actor: Actor, reason: StatisticsRefusal['code']): Promise<{ ok: false; error: StatisticsRefusal }> {
  await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'statistics.refused', detail: { reason } });
  return err({ code: reason });
}

/** Who may open the statistics form, and with which districts; a refusal is audited. */
export async function openStatistics(
  deps: Pick<StatisticsDeps, 'store' | 'clock' | 'directory'>,
  actor: Actor,
): Promise<Result<StatisticsScope, StatisticsRefusal>> {
  const scope = statisticsScopeFor(actor.userId, deps.directory());
  return scope ? ok(scope) : refuse(deps, actor, 'not_authorized');
}

/**
 * The statistics of the period for the person's scope, narrowed to one district where they may filter. Only
 * aggregates leave here. Every view is audited with the period and the districts; every refusal with its reason.
 */
export async function viewStatistics(
  deps: StatisticsDeps,
  actor: Actor,
  request: StatisticsRequest,
): Promise<Result<{ report: StatisticsReport; scope: StatisticsScope }, StatisticsRefusal>> {
  const scope = statisticsScopeFor(actor.userId, deps.directory());
  if (!scope) return refuse(deps, actor, 'not_authorized');
  const districtCodes = statisticsDistrictsFor(scope, request.districtCode);
  if (!districtCodes) return refuse(deps, actor, 'district_out_of_scope');
  const period = deps.resolvePeriod(request.choice, deps.clock.today());
  if (!period) return err({ code: 'period_unavailable' });
  const { from, to } = period;
  const report = await deps.statistics.report({ from, to, districtCodes });
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: actor.userId,
    action: 'statistics.viewed',
    detail: { period: request.choice.period, from, to, districts: districtCodes.join(',') },
  });
  return ok({ report, scope });
}
