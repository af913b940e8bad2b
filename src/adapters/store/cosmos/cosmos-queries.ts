import type { SqlParameter, SqlQuerySpec } from '@azure/cosmos';
import { deliveryStatuses } from '../../../app/ports/deliveries';
import { caseStates, type CaseState } from '../../../domain/case/case';
import { handoverStates } from '../../../domain/handover/handover';
import type { ContainerRole } from './cosmos-containers';
import type { ToPlanKind } from './cosmos-reminder-items';

/**
 * Every query the store runs, with the container it runs on. Ordering by the equality-filtered field first
 * lets Cosmos serve filter and sort from one composite index (cosmos-containers.ts); the unit test of the
 * indexing policy reads these queries to check that each path they use is indexed.
 */
export interface CosmosQuery {
  container: ContainerRole;
  spec: SqlQuerySpec;
}

/** States in which a case is in a team's queue (CaseStore.listOpenCases). */
const queuedStates: readonly CaseState[] = ['new', 'assigned', 'handed_over'];
/** States in which a case can still absorb a duplicate (CaseStore.listOpenCasesAtSchool). */
const openStates: readonly CaseState[] = caseStates.filter((s) => s !== 'closed' && s !== 'merged');
const endedStates: readonly CaseState[] = ['closed', 'merged'];
const undeliveredStatuses = deliveryStatuses.filter((s) => s !== 'delivered');
const openHandoverStates = handoverStates.filter((s) => s !== 'closed');

/** `c.field IN (@p0, @p1, …)` with one parameter per value: IN on literals can use the range index. */
function isOneOf(field: string, prefix: string, values: readonly string[]): { condition: string; parameters: SqlParameter[] } {
  const parameters = values.map((value, i) => ({ name: `@${prefix}${i}`, value }));
  return { condition: `${field} IN (${parameters.map((p) => p.name).join(', ')})`, parameters };
}

export function casesByReporterQuery(tenantId: string, reporterId: string, top: number): CosmosQuery {
  return {
    container: 'cases',
    spec: {
      query:
        'SELECT TOP @top * FROM c WHERE c.tenantId = @tenantId AND c.reporterId = @reporterId ORDER BY c.tenantId ASC, c.reporterId ASC, c.createdAt DESC',
      parameters: [
        { name: '@top', value: top },
        { name: '@tenantId', value: tenantId },
        { name: '@reporterId', value: reporterId },
      ],
    },
  };
}

export function openCasesQuery(filter: { teamId: string } | { fallbackDistrictCode: string }, top: number): CosmosQuery {
  const [field, value] = 'teamId' in filter ? ['c.routing.sstTeamId', filter.teamId] : ['c.routing.fallbackDistrictCode', filter.fallbackDistrictCode];
  return oldestFirstWithStates(field, value, queuedStates, top);
}

export function openCasesAtSchoolQuery(schoolId: string, top: number): CosmosQuery {
  return oldestFirstWithStates('c.schoolId', schoolId, openStates, top);
}

function oldestFirstWithStates(field: string, value: string, states: readonly string[], top: number): CosmosQuery {
  const inStates = isOneOf('c.state', 'state', states);
  return {
    container: 'cases',
    spec: {
      query: `SELECT TOP @top * FROM c WHERE ${field} = @value AND ${inStates.condition} ORDER BY ${field} ASC, c.createdAt ASC`,
      parameters: [{ name: '@top', value: top }, { name: '@value', value }, ...inStates.parameters],
    },
  };
}

/** Handovers not closed at one unit (CaseStore.listOpenHandovers), oldest handover first. */
export function openHandoversQuery(unitId: string, top: number): CosmosQuery {
  const inStates = isOneOf('c.handover.state', 'state', openHandoverStates);
  return {
    container: 'cases',
    spec: {
      query: `SELECT TOP @top * FROM c WHERE c.handover.unitId = @unitId AND ${inStates.condition} ORDER BY c.handover.unitId ASC, c.handover.handedOverAt ASC`,
      parameters: [{ name: '@top', value: top }, { name: '@unitId', value: unitId }, ...inStates.parameters],
    },
  };
}

/** Ended cases not wholly erased (CaseStore.listCasesDueForErasure), oldest end first. */
export function casesDueForErasureQuery(filter: { closedBefore: string }, top: number): CosmosQuery {
  const inStates = isOneOf('c.state', 'state', endedStates);
  return {
    container: 'cases',
    spec: {
      query: `SELECT TOP @top * FROM c WHERE c.closedAt < @before AND ${inStates.condition} AND NOT IS_DEFINED(c.erasedAt) ORDER BY c.closedAt ASC`,
      parameters: [{ name: '@top', value: top }, { name: '@before', value: filter.closedBefore }, ...inStates.parameters],
    },
  };
}

/** Runs inside the case's partition (the caller passes `partitionKey`). */
export function deliveriesForCaseQuery(caseId: string): CosmosQuery {
  return {
    container: 'deliveries',
    spec: {
      query: 'SELECT * FROM c WHERE c.caseId = @caseId ORDER BY c.createdAt ASC, c.key ASC',
      parameters: [{ name: '@caseId', value: caseId }],
    },
  };
}

export function undeliveredQuery(top: number): CosmosQuery {
  const inStatuses = isOneOf('c.status', 'status', undeliveredStatuses);
  return {
    container: 'deliveries',
    spec: {
      query: `SELECT TOP @top * FROM c WHERE ${inStatuses.condition} ORDER BY c.createdAt ASC, c.key ASC`,
      parameters: [{ name: '@top', value: top }, ...inStatuses.parameters],
    },
  };
}

/** A case's reminders, across buckets (cross-partition): runs when a case changes, not in the sweep. */
export function remindersForCaseQuery(caseId: string): CosmosQuery {
  return {
    container: 'reminders',
    spec: {
      query: 'SELECT * FROM c WHERE c.caseId = @caseId ORDER BY c.dueAt ASC, c.id ASC',
      parameters: [{ name: '@caseId', value: caseId }],
    },
  };
}

/**
 * Pending reminders due at `now` that nobody holds, in one bucket (the caller passes `partitionKey`). An
 * unclaimed item has `claimedUntil` null; a claim whose lease ran out may be taken over.
 */
export function dueRemindersQuery(now: string, top: number): CosmosQuery {
  return {
    container: 'reminders',
    spec: {
      query:
        'SELECT TOP @top * FROM c WHERE c.status = @pending AND c.dueAt <= @now AND (c.claimedUntil = null OR c.claimedUntil <= @now) ORDER BY c.dueAt ASC, c.id ASC',
      parameters: [
        { name: '@top', value: top },
        { name: '@pending', value: 'pending' },
        { name: '@now', value: now },
      ],
    },
  };
}

/** Whether a bucket still holds any pending reminder (the caller passes `partitionKey`). */
export function pendingInBucketQuery(): CosmosQuery {
  return {
    container: 'reminders',
    spec: {
      query: 'SELECT TOP @top * FROM c WHERE c.status = @pending ORDER BY c.dueAt ASC, c.id ASC',
      parameters: [
        { name: '@top', value: 1 },
        { name: '@pending', value: 'pending' },
      ],
    },
  };
}

/**
 * The cases on one list of things planned after the answer (their reminders, or their first messages), longest
 * waiting first, in the bucket `to-plan` (the caller passes `partitionKey`, and reads page by page: some of the
 * first may be skipped, cosmos-cases-to-plan.ts). Both lists share the composite index (`since`, `planFor`).
 */
export function casesToPlanQuery(kind: ToPlanKind): CosmosQuery {
  return {
    container: 'reminders',
    spec: {
      query: 'SELECT * FROM c WHERE c.kind = @kind ORDER BY c.since ASC, c.planFor ASC',
      parameters: [{ name: '@kind', value: kind }],
    },
  };
}

/**
 * Statistics rows of the SST side: the non-personal `statistics` part of each case in `districtCodes` reported
 * by `to` (docs/statistics.md). The emulator has no GROUP BY, so the store groups the rows (docs/cosmos.md).
 */
export function statisticsByDistrictQuery(districtCodes: readonly string[], to: string): CosmosQuery {
  const districts = isOneOf('c.statistics.districtCode', 'd', districtCodes);
  return {
    container: 'cases',
    spec: {
      query: `SELECT VALUE c.statistics FROM c WHERE ${districts.condition} AND c.statistics.reportedOn <= @to`,
      parameters: [...districts.parameters, { name: '@to', value: to }],
    },
  };
}

/** Statistics rows of handovers made from `from` to `to` to one of `unitIds`. */
export function statisticsByUnitQuery(unitIds: readonly string[], from: string, to: string): CosmosQuery {
  const units = isOneOf('c.statistics.handoverUnitId', 'u', unitIds);
  return {
    container: 'cases',
    spec: {
      query: `SELECT VALUE c.statistics FROM c WHERE ${units.condition} AND c.statistics.handedOverOn >= @from AND c.statistics.handedOverOn <= @to`,
      parameters: [...units.parameters, { name: '@from', value: from }, { name: '@to', value: to }],
    },
  };
}
