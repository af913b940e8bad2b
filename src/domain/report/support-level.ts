import type { Organiser, SupportThresholds } from '../routing/directory';

/** Support levels in the joint school-social support chain (domain.md S0.2). */
export const supportLevels = ['school_internal', 'sst', 'intensive'] as const;
export type SupportLevel = (typeof supportLevels)[number];

export interface SupportLevelInput {
  totalAbsencePercent: number;
  organiser: Organiser;
  districtOffersIntensive: boolean;
  upperSecondary: boolean;
  hasOtherConcerns: boolean;
}

/**
 * Suggests a support level from the absence figure and configured thresholds. No threshold is statutory
 * (domain.md A3); intensive support (SST+) only for municipal compulsory schools in listed districts (D14, D15).
 */
export function suggestSupportLevel(input: SupportLevelInput, t: SupportThresholds): SupportLevel {
  const intensiveOffered = input.districtOffersIntensive && input.organiser === 'municipal' && !input.upperSecondary;
  if (intensiveOffered && input.totalAbsencePercent >= t.intensivePercent) return 'intensive';
  if (input.totalAbsencePercent >= t.sstPercent || input.hasOtherConcerns) return 'sst';
  return 'school_internal';
}
