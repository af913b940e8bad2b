import type { CalendarDate } from '../calendar/calendar-date';
import type { Case } from '../case/case';
import { scopeFor } from '../consent/consent-scope';
import type { Concern, ConsentRecipient, ConsentScope } from '../report/report';
import type { CaseRole } from './case-role';

/**
 * What each relationship to a case may see (docs/access-policy.md). Cards are built from these fields only,
 * so a field missing here cannot leak by accident.
 */
export const viewLevels = ['none', 'process', 'school_steps', 'handover', 'full'] as const;
export type ViewLevel = (typeof viewLevels)[number];

export type CaseField =
  | 'reference'
  | 'school'
  | 'process_status'
  | 'reporter_questions'
  | 'pupil'
  | 'home_district'
  | 'absence'
  | 'school_steps'
  | 'concerns'
  | 'sensitive_concerns'
  | 'consent'
  | 'support_level'
  | 'reporter'
  | 'reporter_text'
  | 'assignee'
  | 'history'
  | 'outcome'
  | 'handover'
  | 'handover_summary'
  | 'input_requests';

export interface CaseView {
  level: ViewLevel;
  fields: readonly CaseField[];
}

/**
 * Concern categories about violence, crime and drugs are Art. 10-type data (domain.md L24, S0.3): only the
 * roles that work with them see them. The other categories follow `concerns`.
 */
export const sensitiveConcerns: readonly Concern[] = ['violence', 'crime', 'drugs'];

const processFields: readonly CaseField[] = ['reference', 'school', 'process_status', 'reporter_questions'];

/**
 * The head teacher (R2) sees what the school already holds about its own pupil and answers the school's own
 * steps (7:19 a): the pupil's initials and year group, the absence figures, the school's steps. Nothing from
 * social services (no handover, no assignee, no outcome, no process of the team) and not the reporter's text,
 * written for the team (domain.md R2, L17, L18).
 */
const schoolStepsFields: readonly CaseField[] = ['reference', 'school', 'pupil', 'absence', 'school_steps'];

/**
 * Investigators get what the handover needs to identify the pupil and assess the concern, plus the team's
 * summary. The reporter's free text and identity are NOT shown: the text was written by school staff for the
 * team (another authority, D7), and the team decides what crosses in the summary (data minimisation L25,
 * A7; disclosure needs a ground, L18, L19). Questions go to the team, which knows the pupil.
 */
const handoverFields: readonly CaseField[] = [
  'reference',
  'school',
  'process_status',
  'pupil',
  'home_district',
  'absence',
  'school_steps',
  'concerns',
  'sensitive_concerns',
  'consent',
  'support_level',
  'assignee',
  'handover',
  'handover_summary',
  'input_requests',
];

const fullFields: readonly CaseField[] = [
  ...processFields,
  'pupil',
  'home_district',
  'absence',
  'school_steps',
  'concerns',
  'sensitive_concerns',
  'consent',
  'support_level',
  'reporter',
  'reporter_text',
  'assignee',
  'history',
  'outcome',
  'handover',
  'handover_summary',
  'input_requests',
];

/**
 * The case fields that reach social services only on the consent (domain.md T11, L19a), by the scope that
 * covers them. Everything else on the card is the minimum the team or the unit needs to know whom it is about.
 */
export const consentCoveredFields: Readonly<Partial<Record<CaseField, ConsentScope>>> = {
  absence: 'absence',
  school_steps: 'school_steps',
  reporter_text: 'description',
  concerns: 'concerns',
  sensitive_concerns: 'concerns',
};

/** `fields` without those the consent in force does not let reach `recipient` (none, withdrawn, expired, other scope). */
function limitByConsent(fields: readonly CaseField[], c: Case, recipient: ConsentRecipient, today: CalendarDate | undefined): CaseField[] {
  const scope = scopeFor(c.consent, recipient, today);
  return fields.filter((f) => {
    const needs = consentCoveredFields[f];
    return needs === undefined || scope.includes(needs);
  });
}

const levelOf = (role: CaseRole): ViewLevel => {
  switch (role) {
    case 'reporter':
      return 'process';
    case 'sst_member':
    case 'sst_coordinator':
    case 'fallback_contact':
    case 'assignee':
      return 'full';
    case 'investigator':
    case 'unit_manager':
      return 'handover';
    case 'head_teacher':
      return 'school_steps';
    case 'admin':
    case 'team_school_side':
      return 'none';
  }
};

/**
 * The widest view any of `roles` gives on `c`: reporters see the process status only (no social-services
 * content flows back to school, domain.md L14, L17, L18), the head teacher the school's own steps, the team
 * sees the full referral, investigators what the handover needs, admins nothing. The team's school side (same
 * authority as the reporter) sees the whole referral; its social-services side sees the absence, the school
 * steps, the description and the concern categories only as far as a consent in force for the team covers
 * them. When the handover rests on consent, investigators likewise see only what a consent in force for the
 * unit covers (T11, L19a). With `today` (the cards pass it), a consent past its valid-until covers nothing.
 */
export function whatCanSee(roles: readonly CaseRole[], c: Case, today?: CalendarDate): CaseView {
  const level = roles.map(levelOf).reduce<ViewLevel>((a, b) => (viewLevels.indexOf(b) > viewLevels.indexOf(a) ? b : a), 'none');
  switch (level) {
    case 'none':
      return { level, fields: [] };
    case 'process':
      return { level, fields: processFields };
    case 'school_steps':
      // A head teacher who also reported the case keeps the reporter's process view besides.
      return { level, fields: roles.includes('reporter') ? [...new Set([...processFields, ...schoolStepsFields])] : schoolStepsFields };
    case 'full':
      return { level, fields: roles.includes('team_school_side') ? fullFields : limitByConsent(fullFields, c, 'sst_team', today) };
    case 'handover':
      if (c.handover?.legalGround !== 'consent') return { level, fields: handoverFields };
      return { level, fields: limitByConsent(handoverFields, c, 'investigation_unit', today) };
  }
}

/** The concern categories `view` may show. */
export function visibleConcerns(c: Case, view: CaseView): Concern[] {
  if (!view.fields.includes('concerns')) return [];
  const showSensitive = view.fields.includes('sensitive_concerns');
  return c.concerns.filter((x) => showSensitive || !sensitiveConcerns.includes(x));
}
