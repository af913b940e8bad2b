import type { Directory, PersonRef } from '../routing/directory';

/**
 * The `view_statistics` decision (issue #16, docs/access-policy.md): who may see the anonymous statistics, and
 * of which districts. Derived from the directory only, never from a card payload. Statistics are aggregates:
 * no role here sees a case, a reference or a person.
 */
export const statisticsRoles = [
  /** Coordinator of a school-social team: the districts of their own teams. */
  'sst_coordinator',
  /** Manager of an investigation unit: the unit's district. */
  'unit_manager',
  /** The city's evaluation staff (`directory.evaluators`): every district, with a district filter. */
  'evaluator',
] as const;
export type StatisticsRole = (typeof statisticsRoles)[number];

export interface StatisticsScope {
  roles: readonly StatisticsRole[];
  /** The districts whose figures the person may see, in directory order. */
  districtCodes: readonly string[];
  /** Offered a filter to one district (the evaluation staff); everyone else sees their whole scope. */
  mayFilterDistricts: boolean;
}

const isIn = (people: readonly PersonRef[] | undefined, userId: string): boolean => (people ?? []).some((p) => p.id === userId);

/** The person's statistics scope, or undefined when they may see no statistics at all. */
export function statisticsScopeFor(userId: string, dir: Directory): StatisticsScope | undefined {
  const roles = new Set<StatisticsRole>();
  const districts = new Set<string>();
  for (const team of dir.sstTeams) {
    if (!isIn(team.coordinators, userId)) continue;
    roles.add('sst_coordinator');
    districts.add(team.districtCode);
  }
  for (const unit of dir.investigationUnits) {
    if (!isIn(unit.managers, userId)) continue;
    roles.add('unit_manager');
    districts.add(unit.districtCode);
  }
  if (isIn(dir.evaluators, userId)) {
    roles.add('evaluator');
    for (const d of dir.districts) districts.add(d.code);
  }
  if (roles.size === 0) return undefined;
  return {
    roles: statisticsRoles.filter((r) => roles.has(r)),
    districtCodes: dir.districts.map((d) => d.code).filter((c) => districts.has(c)),
    mayFilterDistricts: roles.has('evaluator'),
  };
}

/**
 * The districts one request covers: the whole scope, or the one district asked for. A district outside the
 * scope (a forged payload, or a filter the person was never offered) is refused, never narrowed silently.
 */
export function statisticsDistrictsFor(scope: StatisticsScope, requested: string | undefined): readonly string[] | undefined {
  if (requested === undefined) return scope.districtCodes;
  if (!scope.mayFilterDistricts || !scope.districtCodes.includes(requested)) return undefined;
  return [requested];
}
