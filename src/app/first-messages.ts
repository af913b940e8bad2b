import type { Case } from '../domain/case/case';
import { isErased } from '../domain/retention/retention';
import type { DomainEvent } from '../domain/events';
import { planEach, planWholeList, type AwaitingPlanned } from './awaiting-lists';
import { planFollowUp, type FollowUpDeps } from './dispatch-case-change';
import type { CaseStore } from './ports/case-store';

export interface FirstMessagesDeps extends Omit<FollowUpDeps, 'store'> {
  store: CaseStore;
}

/** The submission of a stored report or question, as its first messages answer it (the event `submitReport` returned). */
function submitted(c: Case): DomainEvent[] {
  if (c.kind === 'input_request') return [];
  return [{ type: 'CaseSubmitted', kind: c.kind, caseId: c.id, at: c.createdAt, by: c.reporterId }];
}

/**
 * Plans and stores the first messages of up to `limit` cases created with `firstMessages: 'later'` (a report's
 * cards to its team), longest waiting first, all at once: each from the case as it is now, through the same
 * dispatcher as every change (`planFollowUp`), so a case taken, changed or erased meanwhile gets what its
 * current state calls for (an erased or vanished case gets nothing). The messages and the case's removal from
 * the list are stored together; the drainer is woken once. One case's failure holds up no other.
 */
export async function planAwaitingFirstMessages(deps: FirstMessagesDeps, limit: number): Promise<AwaitingPlanned> {
  let queued = 0;
  const round = await planEach(await deps.store.listCasesAwaitingFirstMessages(limit), async (caseId) => {
    const c = await deps.store.getCase(caseId);
    const outgoing = c === undefined || isErased(c) ? { messages: [], at: deps.clock.now() } : await planFollowUp(deps, { case: c, events: submitted(c) });
    await deps.store.storeFirstMessages(caseId, outgoing);
    queued += outgoing.messages.length;
  });
  if (queued > 0) deps.drainer.wake();
  return round;
}

/** Plans the first messages of every case awaiting them, `batch` at a time; the failures, which stay on the list. */
export function planAllAwaitingFirstMessages(deps: FirstMessagesDeps, batch: number): Promise<AwaitingPlanned['failed']> {
  return planWholeList(() => planAwaitingFirstMessages(deps, batch), batch);
}
