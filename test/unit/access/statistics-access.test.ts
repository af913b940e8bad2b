import { describe, expect, it } from 'vitest';
import { statisticsDistrictsFor, statisticsScopeFor } from '../../../src/domain/access/policy';
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

