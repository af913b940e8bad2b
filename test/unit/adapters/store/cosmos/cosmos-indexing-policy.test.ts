import type { IndexingPolicy } from '@azure/cosmos';
import { describe, expect, it } from 'vitest';
import { containerDefinitions, type ContainerRole } from '../../../../../src/adapters/store/cosmos/cosmos-containers';
import {
  casesByReporterQuery,
  casesDueForErasureQuery,
  casesToPlanQuery,
  deliveriesForCaseQuery,
  dueRemindersQuery,
  openCasesAtSchoolQuery,
  openCasesQuery,
  pendingInBucketQuery,
  remindersForCaseQuery,
  statisticsByDistrictQuery,
  statisticsByUnitQuery,
  undeliveredQuery,
  type CosmosQuery,
} from '../../../../../src/adapters/store/cosmos/cosmos-queries';

/**
 * The emulator accepts queries on paths a policy leaves out; Cosmos DB answers them with a scan (filters) or an
 * error (multi-field ORDER BY without its composite index). So the policy is checked here, against the text
 * of every query the store runs.
 */
const queries: Record<string, CosmosQuery> = {
  'cases of a reporter': casesByReporterQuery('tenant-1', 'teacher-1', 20),
  'open cases of a team': openCasesQuery({ teamId: 'FAR-SST-1' }, 50),
  "open cases of a district's fallback contact": openCasesQuery({ fallbackDistrictCode: 'NIN' }, 50),
  'open cases at a school': openCasesAtSchoolQuery('far-skolan-a', 50),
  'deliveries of a case': deliveriesForCaseQuery('case-1'),
  'undelivered deliveries': undeliveredQuery(100),
  'reminders of a case': remindersForCaseQuery('case-1'),
  'due reminders in a bucket': dueRemindersQuery('2026-11-25T08:00:00.000Z', 50),
  'any pending reminder in a bucket': pendingInBucketQuery(),
  'cases awaiting their reminders': casesToPlanQuery('reminders_to_plan'),
  'cases awaiting their first messages': casesToPlanQuery('first_messages_to_plan'),
};
/** Statistics queries filter without ORDER BY: every filtered path must be indexed. */
const statisticsQueries: Record<string, CosmosQuery> = {
  'statistics rows of districts': statisticsByDistrictQuery(['FAR', 'SOD'], '2027-06-30'),
  'statistics rows of units': statisticsByUnitQuery(['FAR-INV'], '2026-08-01', '2027-06-30'),
};

const toIndexPath = (field: string): string => `/${field.split('.').join('/')}`;
const policyOf = (role: ContainerRole): IndexingPolicy => containerDefinitions[role].indexingPolicy;
const includedPaths = (role: ContainerRole): string[] => (policyOf(role).includedPaths ?? []).map((p) => p.path);
const compositeIndexes = (role: ContainerRole) =>
  (policyOf(role).compositeIndexes ?? []).map((index) => index.map(({ path, order }) => ({ path, order })));

function parse(query: string) {
  const match = /^SELECT (?:TOP @top )?(?:\*|VALUE c\.statistics) FROM c(?: WHERE (?<where>.*?))?(?: ORDER BY (?<orderBy>.*))?$/.exec(query);
  if (!match?.groups) throw new Error(`The test cannot read this query's shape: ${query}`);
  const filtered = [...(match.groups['where'] ?? '').matchAll(/\bc\.([A-Za-z.]+)/g)].map((m) => m[1] ?? '');
  const orderBy = (match.groups['orderBy'] ?? '').split(',').filter((term) => term.trim() !== '').map((term) => {
    const [field = '', direction = 'ASC'] = term.trim().split(/\s+/);
    return { path: toIndexPath(field.replace(/^c\./, '')), order: direction === 'DESC' ? 'descending' : 'ascending' };
  });
  return { filtered, orderBy };
}

describe('Cosmos DB indexing policy', () => {
  it.each(Object.entries({ ...queries, ...statisticsQueries }))('indexes every path the query "%s" filters on', (_name, { container, spec }) => {
    const { filtered } = parse(spec.query);
    expect(filtered.length).toBeGreaterThan(0);
    for (const field of filtered) expect(includedPaths(container)).toContain(`${toIndexPath(field)}/?`);
  });

  it.each(Object.entries(queries))('has the composite index that the ORDER BY of "%s" needs', (_name, { container, spec }) => {
    const { orderBy } = parse(spec.query);
    expect(orderBy.length).toBeGreaterThan(1);
    expect(compositeIndexes(container)).toContainEqual(orderBy);
  });

  it('indexes what the retention purge filters and orders on (one ORDER BY field, so a range index suffices)', () => {
    const { container, spec } = casesDueForErasureQuery({ closedBefore: '2026-12-03T22:00:00.000Z' }, 100);
    const { filtered, orderBy } = parse(spec.query);
    expect(orderBy).toEqual([{ path: '/closedAt', order: 'ascending' }]);
    for (const path of [...filtered.map(toIndexPath), ...orderBy.map((o) => o.path)]) expect(includedPaths(container)).toContain(`${path}/?`);
  });

  it('indexes the routing, school, state and time of a case, and no pupil data or free text', () => {
    const paths = includedPaths('cases');
    for (const path of ['/routing/sstTeamId/?', '/routing/fallbackDistrictCode/?', '/schoolId/?', '/state/?', '/createdAt/?']) {
      expect(paths).toContain(path);
    }
    expect(policyOf('cases').excludedPaths).toEqual([{ path: '/*' }]);
    // The handover's unit, state and time are indexed for `mina överlämningar`; its summary and requests are free text.
    expect(paths.filter((p) => /^\/(pupil|absence|text|concerns|steps|consent|history|questions)\b|^\/handover\/(summary|inputRequests|forwards|sstInvitation)/.test(p))).toEqual([]);
  });

  it('keeps deliveries by case, with addresses and message ids out of the index', () => {
    expect(containerDefinitions.deliveries.partitionKey.paths).toEqual(['/caseId']);
    expect(policyOf('deliveries').excludedPaths).toEqual([{ path: '/*' }]);
    expect(includedPaths('deliveries').filter((p) => /^\/(address|messageId|recipient)\b/.test(p))).toEqual([]);
  });

  it('keeps reminders by due day, with recipients and subjects out of the index', () => {
    expect(containerDefinitions.reminders.partitionKey.paths).toEqual(['/bucket']);
    expect(policyOf('reminders').excludedPaths).toEqual([{ path: '/*' }]);
    expect(includedPaths('reminders').filter((p) => /^\/(reminder|recipient|subject)\b/.test(p))).toEqual([]);
  });
});
