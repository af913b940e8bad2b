import type { CalendarDate } from '../calendar/calendar-date';
import type { Actor, NewCase } from '../case/case';
import { checkQuestionText } from '../case/question';
import { err, ok, type FieldError, type Result } from '../errors';
import { isUpperSecondary, type YearGroup } from '../report/report';
import { checkPupilInitials } from '../report/rules';
import { routeReport } from '../routing/route-report';
import { findSchool, type Directory, type InvestigationUnit, type School } from '../routing/directory';
import type { Handover, LegalGround } from './handover';

/**
 * An input request opened by the investigation unit (city doc 004, domain.md S0.3, I8, L19): an investigator
 * asks the school-social team of their own district for input about a pupil in an investigation opened
 * outside the bot, naming the pupil by school, initials or pseudonym and year group only.
 *
 * It is stored as a case of kind `input_request`, owned by the district committee, whose handover is already
 * at the unit with the investigation recorded as ongoing (`already_ongoing`): so the handover's input thread,
 * its card, delivery, reminders, audit and retention work as for a handover from the team, and no
 * initial-assessment clock runs (the investigation is already open).
 */
export const inputRequestFields = ['school', 'pupilInitials', 'yearGroup', 'question', 'legalGround'] as const;
export type InputRequestField = (typeof inputRequestFields)[number];

export interface InputRequestDraft {
  schoolId: string;
  pupilInitials: string;
  yearGroup: YearGroup;
  question: string;
  /** Why the school side may answer (the disclosure to social services): consent, the duty to inform, own work. */
  legalGround: LegalGround;
}

/** The investigation units `userId` works in, as a contact or a manager; roles come from the directory only. */
export function unitsOf(dir: Directory, userId: string): InvestigationUnit[] {
  return dir.investigationUnits.filter((u) => [...u.contacts, ...u.managers].some((p) => p.id === userId));
}

/** The schools an investigator may ask about: those in the districts of their units. */
export function schoolsForInvestigator(dir: Directory, userId: string): School[] {
  const districts = new Set(unitsOf(dir, userId).map((u) => u.districtCode));
  return dir.schools.filter((s) => districts.has(s.districtCode));
}

/** The actor's unit in the district of school `schoolId`: the unit the request is made for. */
export function unitForSchool(dir: Directory, userId: string, schoolId: string): InvestigationUnit | undefined {
  const school = findSchool(dir, schoolId);
  return school === undefined ? undefined : unitsOf(dir, userId).find((u) => u.districtCode === school.districtCode);
}

/** Every problem with a draft at once: a school outside the investigator's districts is refused like an unknown one. */
export function checkInputRequest(draft: InputRequestDraft, dir: Directory, userId: string): FieldError<InputRequestField>[] {
  const errors: FieldError<InputRequestField>[] = [];
  const school = findSchool(dir, draft.schoolId);
  if (school === undefined || unitForSchool(dir, userId, draft.schoolId) === undefined) errors.push({ field: 'school', code: 'unknown_school' });
  else if (!school.forms.includes(isUpperSecondary(draft.yearGroup) ? 'upper_secondary' : 'compulsory'))
    errors.push({ field: 'yearGroup', code: 'school_form_mismatch' });
  errors.push(...checkPupilInitials('pupilInitials', draft.pupilInitials));
  const question = checkQuestionText(draft.question);
  if (!question.ok) errors.push(...question.error.map((e) => ({ ...e, field: 'question' as const })));
  return errors;
}

export interface OpenInputRequestContext {
  actor: Actor;
  caseId: string;
  questionId: string;
  submissionKey: string;
  at: string;
  today: CalendarDate;
  directory: Directory;
}

/**
 * The case an investigator's input request becomes: routed to the team that serves the school (or the
 * district's fallback contact), owned by the unit's district committee, with the question as the first
 * request of its handover. Refuses any draft `checkInputRequest` refuses.
 */
export function openInputRequest(draft: InputRequestDraft, ctx: OpenInputRequestContext): Result<NewCase, FieldError<InputRequestField>[]> {
  const { actor, at, directory: dir } = ctx;
  const errors = checkInputRequest(draft, dir, actor.userId);
  const unit = unitForSchool(dir, actor.userId, draft.schoolId);
  const routed = routeReport({ schoolId: draft.schoolId, yearGroup: draft.yearGroup, homeDistrict: { kind: 'unknown' }, suspectedHarm: false }, dir);
  if (errors.length > 0 || unit === undefined || routed === undefined) return err(errors);
  // The unit is the requester's own: where the pupil lives is the unit's business and is not asked for here.
  const routing = {
    ...routed,
    homeDistrictCode: undefined,
    investigationUnitId: unit.id,
    reasons: routed.reasons.filter((r) => r.code !== 'investigation_by_school_district' && r.code !== 'investigation_by_home_district'),
  };
  const handover: Handover = {
    state: 'outcome_reported',
    unitId: unit.id,
    urgent: false,
    summary: '',
    legalGround: draft.legalGround,
    handedOverBy: actor.userId,
    handedOverAt: at,
    receivedOn: ctx.today,
    acknowledgement: { responsibleId: actor.userId, recordedBy: actor.userId, at },
    // The investigation was opened outside the bot: it is ongoing, so no initial-assessment clock runs.
    outcome: { outcome: 'already_ongoing', by: actor.userId, at },
    forwards: [],
    inputRequests: [{ id: ctx.questionId, askedBy: actor.userId, askedAt: at, text: draft.question.trim() }],
  };
  const newCase: NewCase = {
    id: ctx.caseId,
    kind: 'input_request',
    state: 'handed_over',
    tenantId: actor.tenantId,
    reporterId: actor.userId,
    reporterRole: 'other',
    submissionKey: ctx.submissionKey,
    createdAt: at,
    schoolId: draft.schoolId,
    routing,
    owner: { kind: 'district_committee', districtCode: unit.districtCode },
    pupil: { initials: draft.pupilInitials.trim(), yearGroup: draft.yearGroup },
    concerns: [],
    suspectedHarm: false,
    text: '',
    history: [
      { at, by: actor.userId, type: 'input_request_opened', detail: { unitId: unit.id, legalGround: draft.legalGround } },
      { at, by: actor.userId, type: 'input_requested', detail: { questionId: ctx.questionId } },
    ],
    handover,
  };
  return ok(newCase);
}
