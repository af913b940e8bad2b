import { isUpperSecondary, type HomeDistrictAnswer, type YearGroup } from '../report/report';
import { findSchool, findSstTeam, resolveDistrict, type Directory } from './directory';

/**
 * Routes that need a person's attention. `home_district_unknown`: the reporter does not know where the pupil
 * lives; nothing was guessed, and the team and (where the directory routes it) the unit see it plainly.
 */
export type RoutingFlag = 'no_sst_team' | 'other_municipality' | 'home_district_unknown';

/** Why a case went where it went; stored on the case and shown on its card (explainable routing). */
export type RoutingReason =
  | { code: 'sst_by_school'; teamId: string; schoolId: string }
  | { code: 'upper_secondary_team'; teamId: string }
  | { code: 'no_sst_team_fallback'; districtCode: string }
  | { code: 'investigation_by_home_district'; districtCode: string; unitId: string }
  | { code: 'investigation_by_school_district'; districtCode: string; unitId: string; because: 'same' | 'unknown' }
  | { code: 'other_municipality' }
  | { code: 'home_district_unknown' }
  | { code: 'urgent_to_investigation' };

export interface RoutingDecision {
  /** The school's district: owns the case reference and the SST side. */
  schoolDistrictCode: string;
  /** The school-social team whose inbox receives the case; absent when the district has none yet. */
  sstTeamId?: string;
  /** Set when no team serves the school: the district's configured fallback contact gets it. */
  fallbackDistrictCode?: string;
  /** Where the pupil lives; absent for another municipality. Social services follow the home (L9). */
  homeDistrictCode?: string;
  /** The investigation unit of the home district, carried for a later handover or an urgent one now. */
  investigationUnitId?: string;
  /** Suspected harm: the home district's investigation contact gets it at once, in parallel with SST (I2, L6). */
  urgent: boolean;
  flags: RoutingFlag[];
  reasons: RoutingReason[];
}

export interface RoutingInput {
  schoolId: string;
  yearGroup?: YearGroup;
  homeDistrict: HomeDistrictAnswer;
  suspectedHarm: boolean;
}

/**
 * Routes a report: the SST team is chosen by the school, the investigation unit by the pupil's home
 * district (domain.md L9). Another municipality: no unit, flagged. Unknown home: flagged and never guessed;
 * it goes to the school district's unit only where the directory says that unit takes such reports
 * (`takesUnknownHomeDistrict`), otherwise to no unit. Returns undefined only for a school not in the directory.
 */
export function routeReport(input: RoutingInput, dir: Directory): RoutingDecision | undefined {
  const school = findSchool(dir, input.schoolId);
  if (!school) return undefined;
  const reasons: RoutingReason[] = [];
  const flags: RoutingFlag[] = [];
  const decision: RoutingDecision = { schoolDistrictCode: school.districtCode, urgent: false, flags, reasons };

  // Without a year group (an anonymous consultation), a school that only offers upper secondary still
  // belongs to the city-wide team rather than to the district fallback.
  const upperSecondary =
    input.yearGroup !== undefined ? isUpperSecondary(input.yearGroup) : school.forms.every((f) => f === 'upper_secondary');
  const upperSecondaryTeam =
    upperSecondary && dir.upperSecondaryTeamId !== undefined ? findSstTeam(dir, dir.upperSecondaryTeamId) : undefined;
  if (upperSecondaryTeam) {
    decision.sstTeamId = upperSecondaryTeam.id;
    reasons.push({ code: 'upper_secondary_team', teamId: upperSecondaryTeam.id });
  } else if (school.sstTeamId !== undefined) {
    decision.sstTeamId = school.sstTeamId;
    reasons.push({ code: 'sst_by_school', teamId: school.sstTeamId, schoolId: school.id });
  } else {
    decision.fallbackDistrictCode = school.districtCode;
    flags.push('no_sst_team');
    reasons.push({ code: 'no_sst_team_fallback', districtCode: school.districtCode });
  }

  const home = input.homeDistrict;
  if (home.kind === 'other_municipality') {
    flags.push('other_municipality');
    reasons.push({ code: 'other_municipality' });
  } else {
    // A district name that resolves to nothing tells us no more than "don't know" does.
    const homeDistrict = home.kind === 'district' ? resolveDistrict(dir, home.district) : undefined;
    if (homeDistrict) {
      decision.homeDistrictCode = homeDistrict.code;
      decision.investigationUnitId = homeDistrict.investigationUnitId;
      const at = { districtCode: homeDistrict.code, unitId: homeDistrict.investigationUnitId };
      reasons.push(
        homeDistrict.code === school.districtCode
          ? { code: 'investigation_by_school_district', ...at, because: 'same' }
          : { code: 'investigation_by_home_district', ...at },
      );
    } else {
      flags.push('home_district_unknown');
      const schoolDistrict = resolveDistrict(dir, school.districtCode);
      if (schoolDistrict?.takesUnknownHomeDistrict === true) {
        decision.investigationUnitId = schoolDistrict.investigationUnitId;
        reasons.push({ code: 'investigation_by_school_district', districtCode: schoolDistrict.code, unitId: schoolDistrict.investigationUnitId, because: 'unknown' });
      } else reasons.push({ code: 'home_district_unknown' });
    }
  }

  decision.urgent = input.suspectedHarm;
  if (input.suspectedHarm && decision.investigationUnitId !== undefined) reasons.push({ code: 'urgent_to_investigation' });
  return decision;
}
