import { describe, expect, it } from 'vitest';
import { statisticsDistrictsFor, statisticsScopeFor } from '../../../src/domain/access/policy';
import { resolveStatisticsPeriodByHalfYears } from '../../../src/domain/statistics/statistics-period';
import { sampleEvaluator } from '../../cards/card-scenarios';
import { people, testDirectory } from '../../support/a-case';

const everyDistrict = testDirectory.districts.map((d) => d.code);

describe('view_statistics: who sees the statistics of which districts', () => {
  it.each([
    ['a team coordinator: their team\'s district', people.farCoordinator, ['sst_coordinator'], ['FAR'], false],
    ['a unit manager: their unit\'s district', people.farUnitManager, ['unit_manager'], ['FAR'], false],
    ['the evaluation staff: every district, with a filter', sampleEvaluator, ['evaluator'], everyDistrict, true],
  ])('%s', (_name, userId, roles, districts, mayFilter) => {
    expect(statisticsScopeFor(userId, testDirectory)).toEqual({ roles, districtCodes: districts, mayFilterDistricts: mayFilter });
  });

  it.each([
    ['a team member', people.farMember1],
    ['an investigator', people.farInvestigator1],
    ['a head teacher', people.farHeadTeacher],
    ['an admin', people.admin],
    ['a stranger', people.stranger],
  ])('refuses %s', (_name, userId) => {
    expect(statisticsScopeFor(userId, testDirectory)).toBeUndefined();
  });

  it('narrows to a district only for those who may filter, and only within the scope', () => {
    const evaluator = statisticsScopeFor(sampleEvaluator, testDirectory);
    const coordinator = statisticsScopeFor(people.farCoordinator, testDirectory);
    if (!evaluator || !coordinator) throw new Error('scopes missing');
    expect(statisticsDistrictsFor(evaluator, 'BRO')).toEqual(['BRO']);
    expect(statisticsDistrictsFor(evaluator, 'XXX')).toBeUndefined();
    expect(statisticsDistrictsFor(coordinator, 'BRO')).toBeUndefined();
    expect(statisticsDistrictsFor(coordinator, undefined)).toEqual(['FAR']);
  });
});

describe('the stand-in period resolver (calendar half-years until term dates are wired)', () => {
  it.each([
    [{ period: 'this_term' as const }, '2026-11-23', { from: '2026-07-01', to: '2026-11-23' }],
    [{ period: 'last_term' as const }, '2026-11-23', { from: '2026-01-01', to: '2026-06-30' }],
    [{ period: 'last_term' as const }, '2026-03-02', { from: '2025-07-01', to: '2025-12-31' }],
    [{ period: 'school_year' as const }, '2026-03-02', { from: '2025-07-01', to: '2026-03-02' }],
    [{ period: 'custom' as const, from: '2026-01-05', to: '2026-02-05' }, '2026-03-02', { from: '2026-01-05', to: '2026-02-05' }],
  ])('%o on %s', (choice, today, expected) => {
    expect(resolveStatisticsPeriodByHalfYears(choice, today)).toEqual(expected);
  });
});
