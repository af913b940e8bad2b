import type { Organiser, SupportThresholds } from '../routing/directory';

/** Support levels in the joint school-social support chain (domain.md S0.2). */
export const supportLevels = ['school_internal', 'sst', 'intensive'] as const;
export type SupportLevel = (typeof supportLevels)[number];

/**
 * What a suggested level rests on, shown to the reporter: the absence figures, or the other concerns the
 * reporter chose (violence, crime, drugs, mental ill-health …) when there are no figures or the figures
 * alone would not reach the level.
 */
export const supportBases = ['absence', 'concerns'] as const;
export type SupportBasis = (typeof supportBases)[number];

export interface SupportSuggestion {
  level: SupportLevel;
  basis: SupportBasis;
}

/** Who SST+ is for, as the directory and the report describe the pupil. */
export interface IntensiveEligibility {
  organiser: Organiser;
  upperSecondary: boolean;
  /** The school's district offers SST+ (the directory's SST+ list). */
  schoolDistrictOffersIntensive: boolean;
  /** The pupil's home district offers SST+; false when it is unknown or another municipality. */
  homeDistrictOffersIntensive: boolean;
}

export interface SupportLevelInput extends IntensiveEligibility {
  /** Undefined when the reporter gave no absence figures (a report about another concern). */
  totalAbsencePercent: number | undefined;
  hasOtherConcerns: boolean;
}

/**
 * SST+ is the city's reinforced variant of SST for pupils who live in and attend a municipal compulsory
 * school in a district that offers it (domain.md D14, D15): both the school's and the home district.
 */
export function isIntensiveOfferedTo(p: IntensiveEligibility): boolean {
  return p.organiser === 'municipal' && !p.upperSecondary && p.schoolDistrictOffersIntensive && p.homeDistrictOffersIntensive;
}

/**
 * Suggests a support level from the absence figure and configured thresholds, and says what it rests on.
 * No threshold is statutory (domain.md A3); SST+ only where `isIntensiveOfferedTo` holds. Without figures
 * the suggestion rests on the other concerns alone, which never reach SST+ (an absence share per term, D14).
 */
export function suggestSupportLevel(input: SupportLevelInput, t: SupportThresholds): SupportSuggestion {
  const total = input.totalAbsencePercent;
  if (total !== undefined && isIntensiveOfferedTo(input) && total >= t.intensivePercent) return { level: 'intensive', basis: 'absence' };
  if (total !== undefined && total >= t.sstPercent) return { level: 'sst', basis: 'absence' };
  if (input.hasOtherConcerns) return { level: 'sst', basis: 'concerns' };
  return { level: 'school_internal', basis: 'absence' };
}
