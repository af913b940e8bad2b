import type { Actor } from '../domain/case/case';
import { applyHandoverAction, type HandoverAction } from '../domain/handover/handover-lifecycle';
import type { Result } from '../domain/errors';
import { changeCase, type ActOnCaseDeps, type ActOnCaseDone, type ActOnCaseError } from './act-on-case';

export interface ActOnHandover {
  actor: Actor;
  caseId: string;
  /** The version the actor's card showed; absent on cards without one (the team's input-request card). */
  seenVersion?: number;
  action: HandoverAction;
}

/**
 * One step on a case's handover (acknowledge, forward, request or give input, report the outcome, invite the
 * team's worker, close): authorized by the one policy, legal by the handover lifecycle, race-safe through
 * the store's version check (two investigators acknowledging at once: one wins), audited, and its follow-up stored with it.
 */
export async function actOnHandover(deps: ActOnCaseDeps, cmd: ActOnHandover): Promise<Result<ActOnCaseDone, ActOnCaseError>> {
  return changeCase(deps, cmd, `handover.${cmd.action.type}`, cmd.action.type, (current, ctx) => applyHandoverAction(current, cmd.action, ctx));
}
