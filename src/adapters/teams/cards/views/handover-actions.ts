import { can, type CaseRole } from '../../../../domain/access/policy';
import type { ActionContext } from '../../../../domain/case/action-context';
import type { Case } from '../../../../domain/case/case';
import { pendingQuestion } from '../../../../domain/case/question';
import { forwardReasons, handoverOutcomes, legalGrounds, type ForwardReason, type HandoverOutcome, type LegalGround } from '../../../../domain/handover/handover';
import { applyHandoverAction, handoverTransitions, type HandoverAction } from '../../../../domain/handover/handover-lifecycle';
import type { Directory, InvestigationUnit, PersonRef } from '../../../../domain/routing/directory';
import { unitPeople } from './handover-sections';

/**
 * The handover actions a viewer may do now, as the domain would judge them: the policy (`can`), the handover
 * transition table and the action's own rules, checked by a dry run of `applyHandoverAction` on a copy (like
 * the case card's `offeredActions`). Only typed fields are not judged (`invalid_field` still counts as offered).
 * Each form offers only the choices the domain would accept: no acknowledging twice, only other units to
 * forward to, the outcomes and invitation grounds that are legal now.
 */
export interface OfferedHandoverActions {
  acknowledge: boolean;
  /** Colleagues in the unit the viewer may name as responsible instead of themself. */
  responsibles: PersonRef[];
  forward: boolean;
  /** Other units the handover may be forwarded to. */
  forwardUnits: InvestigationUnit[];
  forwardReasons: ForwardReason[];
  requestInput: boolean;
  reportOutcome: boolean;
  outcomes: HandoverOutcome[];
  inviteSst: boolean;
  inviteGrounds: LegalGround[];
  close: boolean;
  /** The team answers the pending request on the card itself (an investigator's input request). */
  answerInput: boolean;
}

export const noHandoverActions: OfferedHandoverActions = {
  acknowledge: false,
  responsibles: [],
  forward: false,
  forwardUnits: [],
  forwardReasons: [],
  requestInput: false,
  reportOutcome: false,
  outcomes: [],
  inviteSst: false,
  inviteGrounds: [],
  close: false,
  answerInput: false,
};

export function offeredHandoverActions(
  viewer: { userId: string; roles: readonly CaseRole[] },
  c: Case,
  directory: Directory,
  now: { at: string; today: string },
): OfferedHandoverActions {
  const h = c.handover;
  if (h === undefined) return noHandoverActions;
  const ctx: ActionContext = { actorId: viewer.userId, at: now.at, today: now.today, directory };
  const offered = (action: HandoverAction): boolean => {
    if (!can(viewer.roles, `handover.${action.type}`, c)) return false;
    if (handoverTransitions[action.type][h.state] === undefined) return false;
    const result = applyHandoverAction(c, action, ctx);
    return result.ok || result.error.code === 'invalid_field';
  };
  const acknowledge = offered({ type: 'acknowledge' });
  const pending = pendingQuestion(h.inputRequests);
  const forwardUnits = directory.investigationUnits.filter((u) => u.id !== h.unitId && offered({ type: 'forward', toUnitId: u.id, reason: 'other' }));
  const outcomes = handoverOutcomes.filter((outcome) => offered({ type: 'report_outcome', outcome }));
  const inviteGrounds = legalGrounds.filter((legalGround) => offered({ type: 'invite_sst', legalGround }));
  return {
    acknowledge,
    responsibles: acknowledge ? unitPeople(directory, h.unitId).filter((p) => p.id !== viewer.userId) : [],
    forward: forwardUnits.length > 0,
    forwardUnits,
    forwardReasons: forwardUnits.length > 0 ? [...forwardReasons] : [],
    requestInput: offered({ type: 'request_input', questionId: `probe-${c.id}`, text: 'probe' }),
    reportOutcome: outcomes.length > 0,
    outcomes,
    inviteSst: inviteGrounds.length > 0,
    inviteGrounds,
    close: offered({ type: 'close' }),
    answerInput: pending !== undefined && offered({ type: 'answer_input', questionId: pending.id, text: 'probe' }),
  };
}
