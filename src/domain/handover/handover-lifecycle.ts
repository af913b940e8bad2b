import type { ActionContext } from '../case/action-context';
import type { Case, CaseHistoryType } from '../case/case';
import { hasValidConsent } from '../case/consent-check';
import { withHistory } from '../case/history';
import { answerQuestion, askQuestion, checkQuestionText, type QuestionField } from '../case/question';
import { err, ok, type FieldError, type Result, type RuleViolation } from '../errors';
import type { DomainEvent } from '../events';
import { findInvestigationUnit, type Directory } from '../routing/directory';
import { assessmentClockAfterForward, assessmentClockOf } from './deadlines';
import type { ForwardReason, Handover, HandoverOutcome, HandoverState, LegalGround } from './handover';
import { teamAuthority, unitAuthority } from '../retention/owning-authority';

export type HandoverAction =
  | { type: 'acknowledge'; responsibleId?: string }
  | { type: 'forward'; toUnitId: string; reason: ForwardReason }
  | { type: 'report_outcome'; outcome: HandoverOutcome }
  | { type: 'close' }
  | { type: 'request_input'; questionId: string; text: string }
  | { type: 'answer_input'; questionId: string; text: string }
  | { type: 'invite_sst'; legalGround: LegalGround };

export type HandoverActionType = HandoverAction['type'];

export const handoverActionTypes = [
  'acknowledge',
  'forward',
  'report_outcome',
  'close',
  'request_input',
  'answer_input',
  'invite_sst',
] as const satisfies readonly HandoverActionType[];

/**
 * The handover's transition table. A state missing from an action's row is an `illegal_transition`, which is
 * how "no acknowledging twice" and "nothing on a closed handover" hold.
 * - forward: from pending or acknowledged (not once the unit has reported an outcome) to pending elsewhere.
 * - request_input: the unit asks the team once it has taken responsibility; answer_input until it closes.
 * - invite_sst: only once an investigation is open or already ongoing (checked as a rule).
 */
export const handoverTransitions: { readonly [A in HandoverActionType]: Partial<Readonly<Record<HandoverState, HandoverState>>> } = {
  acknowledge: { pending: 'acknowledged' },
  forward: { pending: 'pending', acknowledged: 'pending' },
  report_outcome: { acknowledged: 'outcome_reported' },
  close: { outcome_reported: 'closed' },
  request_input: { acknowledged: 'acknowledged', outcome_reported: 'outcome_reported' },
  answer_input: { pending: 'pending', acknowledged: 'acknowledged', outcome_reported: 'outcome_reported' },
  invite_sst: { outcome_reported: 'outcome_reported' },
};

export type HandoverActionError =
  | { code: 'illegal_transition'; from: string; action: string }
  | { code: 'rule_violation'; rule: RuleViolation }
  | { code: 'invalid_field'; fields: FieldError<QuestionField>[] };

type Outcome = Result<{ case: Case; events: DomainEvent[] }, HandoverActionError>;

const rule = (r: RuleViolation): { ok: false; error: HandoverActionError } => err({ code: 'rule_violation', rule: r });

/** True when `userId` is a contact or a manager of unit `unitId`. */
export function isInUnit(dir: Directory, unitId: string, userId: string): boolean {
  const unit = findInvestigationUnit(dir, unitId);
  return unit !== undefined && [...unit.contacts, ...unit.managers].some((p) => p.id === userId);
}

/**
 * Applies one action to the case's handover. A case without a handover answers `illegal_transition` from
 * `none`. Works on a closed case too: the team may finish its support before the unit finishes its part.
 * Pure: authorization is the caller's job (access/policy.ts `can`).
 */
export function applyHandoverAction(c: Case, action: HandoverAction, ctx: ActionContext): Outcome {
  const h = c.handover;
  if (h === undefined) return err({ code: 'illegal_transition', from: 'none', action: action.type });
  const to = handoverTransitions[action.type][h.state];
  if (to === undefined) return err({ code: 'illegal_transition', from: h.state, action: action.type });
  const base = { caseId: c.id, at: ctx.at, by: ctx.actorId, unitId: h.unitId };
  // What the unit records belongs to its district committee; the team's answers to the team's (domain.md D7, L18).
  const owner = unitAuthority(h.unitId, c, ctx.directory);
  const done = (next: Handover, type: CaseHistoryType, detail: Record<string, string>, event: DomainEvent): Outcome =>
    ok({ case: withHistory({ ...c, handover: next }, ctx, type, detail), events: [event] });

  switch (action.type) {
    case 'acknowledge': {
      const responsibleId = action.responsibleId ?? ctx.actorId;
      if (!isInUnit(ctx.directory, h.unitId, responsibleId)) return rule('not_in_unit');
      const next: Handover = { ...h, state: to, acknowledgement: { responsibleId, recordedBy: ctx.actorId, at: ctx.at, owner } };
      return done(next, 'handover_acknowledged', { unitId: h.unitId, responsibleId }, { ...base, type: 'HandoverAcknowledged', responsibleId });
    }
    case 'forward': {
      if (action.toUnitId === h.unitId) return rule('same_unit');
      const toUnit = findInvestigationUnit(ctx.directory, action.toUnitId);
      if (toUnit === undefined) return rule('unknown_unit');
      const forward = { fromUnitId: h.unitId, toUnitId: action.toUnitId, reason: action.reason, by: ctx.actorId, at: ctx.at, owner };
      const { acknowledgement: _dropped, ...rest } = h;
      const assessmentClock = assessmentClockAfterForward(
        assessmentClockOf(h),
        findInvestigationUnit(ctx.directory, h.unitId),
        toUnit,
        ctx.today,
        ctx.directory.initialAssessment.forwardToOtherDistrictRestarts,
      );
      const next: Handover = { ...rest, state: to, unitId: action.toUnitId, receivedOn: ctx.today, assessmentClock, forwards: [...h.forwards, forward] };
      return done(
        next,
        'handover_forwarded',
        { fromUnitId: h.unitId, toUnitId: action.toUnitId, reason: action.reason },
        { ...base, type: 'HandoverForwarded', fromUnitId: h.unitId, toUnitId: action.toUnitId, reason: action.reason, urgent: h.urgent },
      );
    }
    case 'report_outcome': {
      const next: Handover = { ...h, state: to, outcome: { outcome: action.outcome, by: ctx.actorId, at: ctx.at, owner } };
      return done(next, 'handover_outcome_reported', { outcome: action.outcome }, { ...base, type: 'HandoverOutcomeReported', outcome: action.outcome });
    }
    case 'close': {
      // An investigator's input request is nothing but its handover: closing it ends the case, and retention starts.
      const ended = c.kind === 'input_request' ? { state: 'closed' as const, closedAt: ctx.at } : {};
      const next = withHistory({ ...c, ...ended, handover: { ...h, state: to, closedAt: ctx.at } }, ctx, 'handover_closed', { unitId: h.unitId });
      return ok({ case: next, events: [{ ...base, type: 'HandoverClosed' }] });
    }
    case 'request_input': {
      const text = checkQuestionText(action.text);
      if (!text.ok) return err({ code: 'invalid_field', fields: text.error });
      const asked = askQuestion(h.inputRequests, { id: action.questionId, askedBy: ctx.actorId, askedAt: ctx.at, text: text.value, owner });
      if (!asked.ok) return rule(asked.error);
      return done({ ...h, inputRequests: asked.value }, 'input_requested', { questionId: action.questionId }, {
        ...base,
        type: 'InputRequested',
        questionId: action.questionId,
      });
    }
    case 'answer_input': {
      const text = checkQuestionText(action.text);
      if (!text.ok) return err({ code: 'invalid_field', fields: text.error });
      const answer = { by: ctx.actorId, at: ctx.at, text: text.value, owner: teamAuthority(c, ctx.directory) };
      const answered = answerQuestion(h.inputRequests, action.questionId, answer);
      if (!answered.ok) return rule(answered.error);
      return done({ ...h, inputRequests: answered.value }, 'input_answered', { questionId: action.questionId }, {
        ...base,
        type: 'InputGiven',
        questionId: action.questionId,
      });
    }
    case 'invite_sst':
      return inviteSst(c, h, action.legalGround, ctx, done);
  }
}

/**
 * Records that the investigator invited the team's view into an open investigation (city doc 004): with
 * the guardians' consent or where the law allows it (domain.md L19). The invited worker is the case's assignee.
 */
function inviteSst(
  c: Case,
  h: Handover,
  legalGround: LegalGround,
  ctx: ActionContext,
  done: (next: Handover, type: CaseHistoryType, detail: Record<string, string>, event: DomainEvent) => Outcome,
): Outcome {
  if (h.outcome === undefined || h.outcome.outcome === 'not_opened') return rule('investigation_not_open');
  if (h.sstInvitation !== undefined) return rule('already_invited');
  const sstWorkerId = c.assigneeId;
  if (sstWorkerId === undefined) return rule('no_assignee');
  if (legalGround === 'consent' && !hasValidConsent(c, ctx.today)) return rule('consent_missing');
  const owner = unitAuthority(h.unitId, c, ctx.directory);
  const next: Handover = { ...h, sstInvitation: { sstWorkerId, legalGround, by: ctx.actorId, at: ctx.at, owner } };
  return done(next, 'sst_invited', { sstWorkerId, legalGround }, {
    caseId: c.id,
    at: ctx.at,
    by: ctx.actorId,
    type: 'SstInvited',
    unitId: h.unitId,
    sstWorkerId,
    legalGround,
  });
}
