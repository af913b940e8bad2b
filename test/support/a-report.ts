import type { Absence, ReportDraft } from '../../src/domain/report/report';
import { findSchool } from '../../src/domain/routing/directory';
import { loadSampleDirectory } from './test-directory';

/** Absence figures of a report about absence. */
export const anAbsence: Absence = {
  from: '2026-09-01',
  to: '2026-11-20',
  totalPercent: 32,
  unexcusedPercent: 20,
  longestRunDays: 6,
  patterns: ['mornings'],
};

const sample = loadSampleDirectory();

/**
 * A valid report draft; override what a test is about: `aReport({ yearGroup: 10 })`. The pupil lives in the
 * school's district (of the sample directory) unless a test says otherwise.
 */
export function aReport(schoolId: string, overrides: Partial<ReportDraft> = {}): ReportDraft {
  return {
    schoolId,
    reporterRole: 'teacher',
    pupilInitials: 'KL',
    yearGroup: 7,
    protectedIdentity: false,
    homeDistrict: { kind: 'district', district: findSchool(sample, schoolId)?.districtCode ?? 'FAR' },
    absence: anAbsence,
    concerns: [],
    steps: {
      guardiansInformed: true,
      pupilHealthInvolved: true,
      investigationStartedOn: '2026-10-05',
      organiserNotifiedOn: '2026-10-07',
      adjustmentsTried: true,
      other: false,
    },
    consent: { givenBy: 'both_guardians', scope: ['absence', 'school_steps'], recipients: ['sst_team', 'investigation_unit'], validUntil: '2027-06-15' },
    suspectedHarm: false,
    description: 'Borta de flesta måndagar.',
    ...overrides,
  };
}
