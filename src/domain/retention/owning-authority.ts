import { findInvestigationUnit, findSstTeam, type Directory, type School } from '../routing/directory';
import type { RoutingDecision } from '../routing/route-report';

/**
 * Which authority creates a record, by who writes it (domain.md D7, L18): school and social services are
 * separate authorities, so a record belongs to the side that made it, and its retention follows that owner.
 */
export type OwningAuthority =
  | { kind: 'education_committee' }
  | { kind: 'independent_school'; schoolId: string }
  | { kind: 'district_committee'; districtCode: string };

/**
 * The school side: the education committee (utbildningsnämnden) for a municipal school (D7); the organiser of an
 * independent school for its own reports (its principal acts for it; the city's routine for independent schools).
 */
export function schoolAuthority(school: Pick<School, 'id' | 'organiser'>): OwningAuthority {
  return school.organiser === 'independent' ? { kind: 'independent_school', schoolId: school.id } : { kind: 'education_committee' };
}

/**
 * The district committee of the school-social team working the case (the team sits in the district's
 * preventive unit, domain.md R4, S0.3): the team's district, or the fallback contact's district without a team.
 */
export function teamAuthority(c: { readonly routing: RoutingDecision }, dir: Directory): OwningAuthority {
  const team = c.routing.sstTeamId === undefined ? undefined : findSstTeam(dir, c.routing.sstTeamId);
  return { kind: 'district_committee', districtCode: team?.districtCode ?? c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode };
}

/** The district committee of an investigation unit; a unit gone from the directory falls back to the pupil's home district. */
export function unitAuthority(unitId: string, c: { readonly routing: RoutingDecision }, dir: Directory): OwningAuthority {
  const districtCode = findInvestigationUnit(dir, unitId)?.districtCode ?? c.routing.homeDistrictCode ?? c.routing.schoolDistrictCode;
  return { kind: 'district_committee', districtCode };
}

/** A stable code for an authority, for audit entries and comparisons: `education_committee`, `district_committee:FAR`, `independent_school:<id>`. */
export function authorityKey(a: OwningAuthority): string {
  switch (a.kind) {
    case 'education_committee':
      return a.kind;
    case 'district_committee':
      return `${a.kind}:${a.districtCode}`;
    case 'independent_school':
      return `${a.kind}:${a.schoolId}`;
  }
}

export const sameAuthority = (a: OwningAuthority, b: OwningAuthority): boolean => authorityKey(a) === authorityKey(b);
