import type { CalendarDate } from '../calendar/calendar-date';
import { err, ok, type FieldError, type Result, type RuleViolation } from '../errors';
import type { DomainEvent } from '../events';
import type { LegalGround } from '../handover/handover';
import { isConsentInForce } from '../consent/consent-scope';
import { isUpperSecondary, type AgeBand, type Consent } from '../report/report';
import { isIntensiveOfferedTo } from '../report/support-level';
import { findDistrict, findSchool, type Directory } from '../routing/directory';
import type { ActionContext } from './action-context';
import type { Case, CaseOutcome, CaseState } from './case';
import { checkConsent, type ConsentField } from './consent-check';
import { isPossibleDuplicate } from './duplicates';
import { recordCheckIn, setFollowUp, type FollowUpField } from './follow-up';
import { handOver, type HandOverField } from './hand-over';
import { withHistory } from './history';
import { recordSchoolSteps, type RecordSchoolSteps, type SchoolStepsField } from './school-steps';
import { answerQuestion, askQuestion, checkQuestionText, type QuestionField } from './question';
import { teamAuthority } from '../retention/owning-authority';

export type { ActionContext } from './action-context';

export type CaseAction =
  | { type: 'record_consent'; consent: Consent; pupilAgeBand?: AgeBand }
  | { type: 'withdraw_consent' }
  | { type: 'take'; followUpOn?: CalendarDate }
  | { type: 'ask_reporter'; questionId: string; text: string }
  | { type: 'answer_question'; questionId: string; text: string }
  | { type: 'change_level'; level: 'sst' | 'intensive' }
  | { type: 'hand_over'; summary: string; legalGround: LegalGround; urgent?: boolean }
  | { type: 'close'; outcome: CaseOutcome }
  | { type: 'merge'; into: Case }
  | { type: 'set_follow_up'; on: CalendarDate }
  | { type: 'record_check_in'; totalPercent: number; unexcusedPercent: number; nextFollowUpOn: CalendarDate }
  | ({ type: 'record_school_steps' } & RecordSchoolSteps);

export type CaseActionType = CaseAction['type'];

export const caseActionTypes = [
  'record_consent',
  'withdraw_consent',
  'take',
  'ask_reporter',
  'answer_question',
  'change_level',
  'hand_over',
  'close',
  'merge',
  'set_follow_up',
  'record_check_in',
  'record_school_steps',
] as const satisfies readonly CaseActionType[];

/**
 * The transition table: for each action, the states it may start from and the state it leads to.
 * A state missing from an action's row makes that action an `illegal_transition` there.
 * - record_consent also renews consent on an open case (domain.md T11: consent has a valid-until).
 * - withdraw_consent keeps the state: the school side may go on, but nothing more crosses on the consent.
 * - take from `assigned` is a take-over by someone else; the policy leaves that to coordinators.
 * - closed and merged are terminal.
 * - follow-up check-ins run while someone works on the case: from its taking until it closes.
 * - the head teacher's own steps (7:19 a) may be recorded while the case is open, whoever holds it.
 */
export const caseTransitions: { readonly [A in CaseActionType]: Partial<Readonly<Record<CaseState, CaseState>>> } = {
  record_consent: { awaiting_consent: 'new', new: 'new', assigned: 'assigned', handed_over: 'handed_over' },
  withdraw_consent: { new: 'new', assigned: 'assigned', handed_over: 'handed_over' },
  take: { new: 'assigned', assigned: 'assigned' },
  ask_reporter: { assigned: 'assigned', handed_over: 'handed_over' },
  answer_question: { assigned: 'assigned', handed_over: 'handed_over' },
  change_level: { new: 'new', assigned: 'assigned' },
  hand_over: { assigned: 'handed_over' },
  close: { awaiting_consent: 'closed', new: 'closed', assigned: 'closed', handed_over: 'closed' },
  merge: { awaiting_consent: 'merged', new: 'merged', assigned: 'merged' },
  set_follow_up: { assigned: 'assigned', handed_over: 'handed_over' },
  record_check_in: { assigned: 'assigned', handed_over: 'handed_over' },
  record_school_steps: { awaiting_consent: 'awaiting_consent', new: 'new', assigned: 'assigned', handed_over: 'handed_over' },
};

/** An anonymous consultation holds no pupil: only these actions make sense for it. */
const consultationActions: readonly CaseActionType[] = ['take', 'ask_reporter', 'answer_question', 'close'];

export const openCaseStates: readonly CaseState[] = ['awaiting_consent', 'new', 'assigned', 'handed_over'];
export const isOpen = (c: Pick<Case, 'state'>): boolean => openCaseStates.includes(c.state);

export type CaseActionField = ConsentField | QuestionField | HandOverField | FollowUpField | SchoolStepsField;
export type CaseActionError =
  | { code: 'illegal_transition'; from: string; action: string }
  | { code: 'rule_violation'; rule: RuleViolation }
  | { code: 'invalid_field'; fields: FieldError<CaseActionField>[] };

export interface CaseActionOutcome {
  case: Case;
  events: DomainEvent[];
  /** For `merge`: the surviving case with the duplicate's reporters attached; the caller stores both. */
  mergedInto?: Case;
}

type Outcome = Result<CaseActionOutcome, CaseActionError>;

const rule = (r: RuleViolation): { ok: false; error: CaseActionError } => err({ code: 'rule_violation', rule: r });

/**
 * Intensive support (SST+) is offered only to compulsory-school pupils who live in and attend a municipal
 * school in districts that offer it (domain.md D14, D15; support-level.ts); never to upper secondary.
 */
export function isIntensiveOffered(c: Case, dir: Directory): boolean {
  const school = findSchool(dir, c.schoolId);
  const district = school === undefined ? undefined : findDistrict(dir, school.districtCode);
  if (school === undefined || district === undefined || c.pupil === undefined) return false;
  // A home district the reporter did not know is not guessed from the school's (domain.md D14).
  const homeUnknown = c.routing.reasons.some((r) => r.code === 'investigation_by_school_district' && r.because === 'unknown');
  const home = c.routing.homeDistrictCode === undefined || homeUnknown ? undefined : findDistrict(dir, c.routing.homeDistrictCode);
  return isIntensiveOfferedTo({
    organiser: school.organiser,
    upperSecondary: isUpperSecondary(c.pupil.yearGroup),
    schoolDistrictOffersIntensive: district.intensiveSupport,
    homeDistrictOffersIntensive: home?.intensiveSupport ?? false,
  });
}

/**
 * Applies one team-side action to a case. Returns the next case (with a history entry) and the events it
 * raised, or why not. Pure: authorization is the caller's job (access/policy.ts `can`).
 */
export function applyCaseAction(c: Case, action: CaseAction, ctx: ActionContext): Outcome {
  const to = caseTransitions[action.type][c.state];
  if (to === undefined) return err({ code: 'illegal_transition', from: c.state, action: action.type });
  if (c.kind === 'consultation' && !consultationActions.includes(action.type)) return rule('not_for_consultation');
  // An investigator's input request is the unit's record: the team answers on its handover, nothing else.
  if (c.kind === 'input_request') return rule('not_for_input_request');
  const base = { caseId: c.id, at: ctx.at, by: ctx.actorId };

  switch (action.type) {
    case 'record_consent': {
      const checked = checkConsent(action.consent, c, { ...ctx, settings: ctx.directory.consent }, action.pupilAgeBand);
      if (!checked.ok) return err({ code: 'invalid_field', fields: checked.error });
      const { consent, pupil } = checked.value;
      const next = withHistory({ ...c, state: to, consent, ...(pupil ? { pupil } : {}) }, ctx, 'consent_recorded', { givenBy: consent.givenBy });
      return ok({ case: next, events: [{ ...base, type: 'ConsentRecorded', renewed: c.state !== 'awaiting_consent' }] });
    }
    case 'withdraw_consent': {
      // A withdrawal stops further disclosure on the consent (domain.md L19a); what was disclosed stays disclosed.
      if (!isConsentInForce(c.consent)) return rule('no_consent_in_force');
      const consent = { ...c.consent, withdrawnAt: ctx.at, withdrawnBy: ctx.actorId };
      const next = withHistory({ ...c, consent }, ctx, 'consent_withdrawn', { givenBy: consent.givenBy });
      return ok({ case: next, events: [{ ...base, type: 'ConsentWithdrawn', scope: consent.scope }] });
    }
    case 'take': {
      if (c.assigneeId === ctx.actorId) return rule('already_assignee');
      const previous = c.assigneeId;
      const detail = previous === undefined ? undefined : { previousAssigneeId: previous };
      // A take-over keeps the follow-up date already agreed; a first take starts the follow-up series.
      const followUpOn = c.followUpOn ?? (c.kind === 'referral' ? action.followUpOn : undefined);
      const next = withHistory({ ...c, state: to, assigneeId: ctx.actorId, ...(followUpOn ? { followUpOn } : {}) }, ctx, 'taken', detail);
      const event: DomainEvent =
        previous === undefined
          ? { ...base, type: 'CaseTaken', assigneeId: ctx.actorId }
          : { ...base, type: 'CaseTaken', assigneeId: ctx.actorId, previousAssigneeId: previous };
      return ok({ case: next, events: [event] });
    }
    case 'ask_reporter': {
      const text = checkQuestionText(action.text);
      if (!text.ok) return err({ code: 'invalid_field', fields: text.error });
      const owner = teamAuthority(c, ctx.directory);
      const asked = askQuestion(c.questions ?? [], { id: action.questionId, askedBy: ctx.actorId, askedAt: ctx.at, text: text.value, owner });
      if (!asked.ok) return rule(asked.error);
      const next = withHistory({ ...c, questions: asked.value }, ctx, 'reporter_asked', { questionId: action.questionId });
      return ok({ case: next, events: [{ ...base, type: 'ReporterAsked', questionId: action.questionId }] });
    }
    case 'answer_question': {
      const text = checkQuestionText(action.text);
      if (!text.ok) return err({ code: 'invalid_field', fields: text.error });
      const answered = answerQuestion(c.questions ?? [], action.questionId, { by: ctx.actorId, at: ctx.at, text: text.value, owner: c.owner });
      if (!answered.ok) return rule(answered.error);
      const next = withHistory({ ...c, questions: answered.value }, ctx, 'reporter_answered', { questionId: action.questionId });
      return ok({ case: next, events: [{ ...base, type: 'ReporterAnswered', questionId: action.questionId }] });
    }
    case 'change_level': {
      if (c.supportLevel === action.level) return rule('level_unchanged');
      if (action.level === 'intensive' && !isIntensiveOffered(c, ctx.directory)) return rule('intensive_not_offered');
      const from = c.supportLevel ?? 'none';
      const next = withHistory({ ...c, supportLevel: action.level }, ctx, 'level_changed', { from, to: action.level });
      return ok({ case: next, events: [{ ...base, type: 'SupportLevelChanged', from, to: action.level }] });
    }
    case 'hand_over':
      return handOver(c, action, ctx);
    case 'close':
      return close(c, action.outcome, ctx);
    case 'merge':
      return merge(c, action.into, ctx);
    case 'set_follow_up':
      return setFollowUp(c, action.on, ctx);
    case 'record_check_in':
      return recordCheckIn(c, action, ctx);
    case 'record_school_steps':
      return recordSchoolSteps(c, action, ctx);
  }
}

function close(c: Case, outcome: CaseOutcome, ctx: ActionContext): Outcome {
  if (outcome === 'handed_to_investigation' && c.state !== 'handed_over') return rule('outcome_needs_handover');
  // A handover nobody has acknowledged yet must not fall between two chairs when the team closes.
  if (c.handover !== undefined && c.handover.state === 'pending') return rule('handover_not_acknowledged');
  const next = withHistory({ ...c, state: 'closed', outcome, closedAt: ctx.at }, ctx, 'closed', { outcome });
  return ok({ case: next, events: [{ caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'CaseClosed', outcome }] });
}

/**
 * Folds duplicate `c` into the open case `into` of the same school: `c` becomes `merged`, and its reporters
 * stay attached to `into` so that they keep seeing its process status. Only a possible duplicate by the rule
 * that flags them on the card (./duplicates.ts) may be merged: a merge attaches `c`'s reporter to `into`,
 * and that reporter would then see and answer the team's questions about another pupil.
 */
function merge(c: Case, into: Case, ctx: ActionContext): Outcome {
  if (into.id === c.id) return rule('merge_into_itself');
  if (!isOpen(into) || into.kind !== 'referral') return rule('merge_target_not_open');
  if (into.schoolId !== c.schoolId || into.tenantId !== c.tenantId) return rule('merge_other_school');
  if (!isPossibleDuplicate(c, into)) return rule('merge_not_duplicate');
  const duplicate = withHistory({ ...c, state: 'merged', mergedIntoId: into.id, closedAt: ctx.at }, ctx, 'merged_into', { caseId: into.id });
  const attached = [...new Set([...(into.attachedReporterIds ?? []), c.reporterId, ...(c.attachedReporterIds ?? [])])].filter(
    (id) => id !== into.reporterId,
  );
  const survivor = withHistory(
    { ...into, mergedCaseIds: [...(into.mergedCaseIds ?? []), c.id], attachedReporterIds: attached },
    ctx,
    'duplicate_attached',
    { caseId: c.id },
  );
  return ok({
    case: duplicate,
    mergedInto: survivor,
    events: [{ caseId: c.id, at: ctx.at, by: ctx.actorId, type: 'CaseMerged', intoCaseId: into.id }],
  });
}
