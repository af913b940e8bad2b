import type { CalendarDate } from '../domain/calendar/calendar-date';
import { can, rolesFor, type AccessAction, type CaseRole } from '../domain/access/policy';
import type { Actor, Case } from '../domain/case/case';
import { applyCaseAction, type ActionContext, type CaseAction, type CaseActionError } from '../domain/case/lifecycle';
import { err, ok, type Result } from '../domain/errors';
import type { DomainEvent } from '../domain/events';
import type { Directory } from '../domain/routing/directory';
import { auditDisclosures } from './audit-disclosures';
import { changeStored, planFollowUp, type FollowUpDeps } from './dispatch-case-change';
import { defaultFollowUpOn } from './follow-up-date';
import { planReminders, type ReminderDeps } from './plan-reminders';

/** A case change re-plans the case's reminders, so it needs the calendar too; its follow-up needs delivery. */
export type ActOnCaseDeps = ReminderDeps & FollowUpDeps;

/**
 * A lifecycle action as a card can ask for it: a merge names its target by id, the use case reads it; the
 * follow-up dates of a take and a check-in come from the district's settings and the calendar, not the card.
 */
export type CaseCommand =
  | Exclude<CaseAction, { type: 'merge' | 'take' | 'record_check_in' }>
  | { type: 'take' }
  | { type: 'record_check_in'; totalPercent: number; unexcusedPercent: number }
  | { type: 'merge'; intoCaseId: string };

export interface ActOnCase {
  actor: Actor;
  caseId: string;
  /** The version the actor's card showed: a click on an older card changes nothing. Absent on cards that
   * carry no version (the reporter's question card), where the lifecycle alone decides. */
  seenVersion?: number;
  action: CaseCommand;
}

export type ActOnCaseError =
  | { code: 'not_found' }
  | { code: 'not_authorized'; case: Case; roles: CaseRole[] }
  | { code: 'stale'; case: Case; roles: CaseRole[] }
  | (CaseActionError & { case: Case; roles: CaseRole[] });

export interface ActOnCaseDone {
  case: Case;
  roles: CaseRole[];
  events: DomainEvent[];
  /** For a merge: the case the duplicate was folded into, as stored. */
  mergedInto?: Case;
}

/**
 * One team-side action on a case: the one policy decides who may (roles from the directory, never from the
 * card), the lifecycle decides whether it is legal now, and the store's version check makes two
 * simultaneous clicks end with one winner. Every attempt, allowed or refused, is audited. A stored change is
 * handed to the dispatcher (dispatch-case-change.ts), which tells people after the turn.
 */
export async function actOnCase(deps: ActOnCaseDeps, cmd: ActOnCase): Promise<Result<ActOnCaseDone, ActOnCaseError>> {
  const { actor } = cmd;
  const directory = deps.directory();
  let target: Case | undefined;
  if (cmd.action.type === 'merge') {
    target = await deps.store.getCase(cmd.action.intoCaseId);
    if (!target) return err({ code: 'not_found' });
  }
  const commanded = cmd.action;
  const actionFor = (current: Case, today: CalendarDate): CaseAction | undefined => {
    switch (commanded.type) {
      case 'merge':
        return target ? { type: 'merge', into: target } : undefined;
      case 'take':
        return { type: 'take', followUpOn: defaultFollowUpOn(deps, current, today) };
      case 'record_check_in':
        return { ...commanded, nextFollowUpOn: defaultFollowUpOn(deps, current, today) };
      default:
        return commanded;
    }
  };
  // Merging changes two cases: the actor must be allowed to merge on both.
  const targetAllowed = (t: Case | undefined) =>
    t === undefined || (t.tenantId === actor.tenantId && can(rolesFor(actor.userId, t, directory), 'case.merge', t));
  let before: Case | undefined;
  // A merge names the other case in its audit rows, allowed or refused: the evidence shows both ends.
  const auditDetail = target ? { intoCaseId: target.id } : undefined;
  const result = await changeCase(deps, { ...cmd, ...(auditDetail ? { auditDetail } : {}) }, `case.${commanded.type}`, commanded.type, (current, ctx) => {
    before = current;
    const action = actionFor(current, ctx.today);
    if (!action) return err({ code: 'not_authorized_target' as const });
    return targetAllowed(target) ? applyCaseAction(current, action, ctx) : err({ code: 'not_authorized_target' as const });
  });
  if (!result.ok) return result;
  if (!target || !before) return result;
  const at = deps.clock.now();
  const mergedInto = await attachToTarget(deps, before, target.id, { actorId: actor.userId, at, directory });
  return ok({ ...result.value, ...(mergedInto ? { mergedInto } : {}) });
}

type Applied = Result<{ case: Case; events: DomainEvent[] }, CaseActionError | { code: 'not_authorized_target' }>;

/**
 * The shared path of every case change: read, authorize with the one policy, check the version the actor
 * saw, apply the pure lifecycle step, store with optimistic concurrency, audit. Used by case and handover
 * actions alike; the caller dispatches the stored change.
 */
export async function changeCase(
  deps: ActOnCaseDeps,
  cmd: { actor: Actor; caseId: string; seenVersion?: number; auditDetail?: Record<string, string> },
  accessAction: AccessAction,
  what: string,
  apply: (current: Case, ctx: ActionContext) => Applied,
): Promise<Result<ActOnCaseDone, ActOnCaseError>> {
  const { actor } = cmd;
  const at = deps.clock.now();
  const audit = (action: string, caseId: string, detail?: Record<string, string>) =>
    deps.store.appendAudit({ at, actorId: actor.userId, action, caseId, ...(detail ? { detail } : {}) });
  const directory = deps.directory();
  const current = await deps.store.getCase(cmd.caseId);
  if (!current) return err({ code: 'not_found' });
  const roles = current.tenantId === actor.tenantId ? rolesFor(actor.userId, current, directory) : [];
  const refused = async (reason: string, extra: Record<string, string> = {}) =>
    audit('case.action_refused', current.id, { action: accessAction, reason, ...cmd.auditDetail, ...extra });
  if (!can(roles, accessAction, current)) {
    await refused('not_authorized');
    return err({ code: 'not_authorized', case: current, roles });
  }
  if (cmd.seenVersion !== undefined && current.version !== cmd.seenVersion) {
    await refused('stale');
    return err({ code: 'stale', case: current, roles });
  }
  const applied = apply(current, { actorId: actor.userId, at, today: deps.clock.today(), directory });
  if (!applied.ok) {
    // A refused rule names itself in the audit (e.g. merge_not_duplicate): the evidence says why, not only that.
    await refused(applied.error.code, applied.error.code === 'rule_violation' ? { rule: applied.error.rule } : {});
    if (applied.error.code === 'not_authorized_target') return err({ code: 'not_authorized', case: current, roles });
    return err({ ...applied.error, case: current, roles });
  }
  const outgoing = await planFollowUp(deps, { case: applied.value.case, events: applied.value.events });
  const stored = await deps.store.updateCase(applied.value.case, current.version, outgoing);
  if (!stored.ok) {
    const latest = (await deps.store.getCase(current.id)) ?? current;
    await refused(stored.reason);
    return err({ code: 'stale', case: latest, roles });
  }
  await audit(accessAction, current.id, { action: what, from: current.state, to: stored.case.state, ...cmd.auditDetail });
  await auditDisclosures(deps.store, at, actor.userId, stored.case, applied.value.events, directory);
  // In the same request as the change, not in background work: the plan is as durable as the change itself.
  await planReminders(deps, stored.case.id);
  changeStored(deps, outgoing);
  return ok({ case: stored.case, roles: rolesFor(actor.userId, stored.case, directory), events: applied.value.events });
}

/**
 * Stores the surviving case of a merge with the duplicate's reporters attached. Someone may change the
 * survivor meanwhile, so the attachment is recomputed on its latest version a few times before giving up.
 */
async function attachToTarget(
  deps: ActOnCaseDeps,
  duplicate: Case,
  targetId: string,
  ctx: { actorId: string; at: string; directory: Directory },
): Promise<Case | undefined> {
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const target = await deps.store.getCase(targetId);
    if (!target) return undefined;
    const again = applyCaseAction(duplicate, { type: 'merge', into: target }, { ...ctx, today: deps.clock.today() });
    if (!again.ok || !again.value.mergedInto) return undefined;
    // The survivor's cards show the reporters it gained.
    const outgoing = await planFollowUp(deps, { case: again.value.mergedInto, events: [] });
    const saved = await deps.store.updateCase(again.value.mergedInto, target.version, outgoing);
    if (saved.ok) {
      await planReminders(deps, saved.case.id);
      changeStored(deps, outgoing);
      return saved.case;
    }
  }
  throw new Error(`Case ${duplicate.id} was merged, but attaching its reporters to case ${targetId} lost three races in a row`);
}

