import { randomUUID } from 'node:crypto';
import type { Directory, School } from '../../src/domain/routing/directory';

/** A valid report submission as Teams sends it: every input value a string, plus the form id. */
export function aReportPayload(
  school: School,
  overrides: Record<string, string> = {},
  formId = randomUUID(),
): Record<string, string> {
  return {
    formId,
    school: school.id,
    reporterRole: 'teacher',
    pupilInitials: 'KL',
    yearGroup: '7',
    protectedIdentity: 'false',
    homeDistrict: school.districtCode,
    absenceFrom: '2026-09-01',
    absenceTo: '2026-11-20',
    absenceTotal: '32',
    absenceUnexcused: '20',
    longestRun: '6',
    patterns: 'mornings,after_breaks',
    concerns: '',
    guardiansInformed: 'true',
    pupilHealthInvolved: 'true',
    investigationStartedOn: '2026-10-05',
    organiserNotifiedOn: '2026-10-07',
    adjustmentsTried: 'true',
    otherSteps: 'false',
    consentGivenBy: 'both_guardians',
    consentScope: 'absence,school_steps',
    consentRecipients: 'sst_team,investigation_unit',
    consentValidUntil: '2027-06-15',
    suspectedHarm: 'false',
    concernReportedOn: '',
    description: 'Borta de flesta måndagar, svårt att komma igång på morgonen.',
    ...overrides,
  };
}

/** A municipal compulsory school in the district with an SST team, picked from the directory. */
export function aSchoolIn(dir: Directory, districtCode: string, form: 'compulsory' | 'upper_secondary' = 'compulsory'): School {
  const school = dir.schools.find(
    (s) => s.districtCode === districtCode && s.forms.includes(form) && s.sstTeamId !== undefined && s.organiser === 'municipal',
  );
  if (!school) throw new Error(`the sample directory has no ${form} school with an SST team in ${districtCode}`);
  return school;
}

/** The `value` of every input in a card, by input id. */
export function inputValues(card: unknown): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (typeof n.type === 'string' && n.type.startsWith('Input.') && typeof n.id === 'string') out[n.id] = n.value;
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
