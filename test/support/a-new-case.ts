import type { NewCase } from '../../src/domain/case/case';

let counter = 0;

/**
 * A valid new case as a use case would hand it to the store: a referral from a school in Farsta, routed to
 * the Farsta team, with fictional initials. Each call gets its own id and submission key; override what a
 * test is about: `aNewCase({ reporterId: 'teacher-2' })`.
 */
export function aNewCase(overrides: Partial<NewCase> = {}): NewCase {
  counter += 1;
  const createdAt = '2026-11-23T09:00:00.000Z';
  const reporterId = 'teacher-1';
  return {
    id: `case-${counter}`,
    kind: 'referral',
    state: 'new',
    tenantId: 'tenant-1',
    reporterId,
    reporterRole: 'teacher',
    submissionKey: `tenant-1:${reporterId}:form-${counter}`,
    createdAt,
    schoolId: 'far-hokarangsskolan',
    routing: {
      schoolDistrictCode: 'FAR',
      sstTeamId: 'FAR-SST-1',
      homeDistrictCode: 'FAR',
      investigationUnitId: 'FAR-INV',
      urgent: false,
      flags: [],
      reasons: [
        { code: 'sst_by_school', teamId: 'FAR-SST-1', schoolId: 'far-hokarangsskolan' },
        { code: 'investigation_by_school_district', districtCode: 'FAR', unitId: 'FAR-INV', because: 'same' },
      ],
    },
    supportLevel: 'sst',
    owner: { kind: 'education_committee' },
    pupil: { initials: 'AB', yearGroup: 7 },
    absence: {
      from: '2026-09-01',
      to: '2026-11-20',
      totalPercent: 32,
      unexcusedPercent: 20,
      longestRunDays: 6,
      patterns: ['mornings', 'after_breaks'],
    },
    concerns: ['mental_health'],
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
    text: 'Borta de flesta måndagar.',
    history: [{ at: createdAt, by: reporterId, type: 'submitted' }],
    ...overrides,
  };
}
