import type { Case } from '../domain/case/case';
import { isErased } from '../domain/retention/retention';
import type { DomainEvent } from '../domain/events';
import { eachAtOnce } from './each-at-once';
import { planFollowUp, type FollowUpDeps } from './dispatch-case-change';
import type { CaseStore } from './ports/case-store';

export interface FirstMessagesDeps extends Omit<FollowUpDeps, 'store'> {
  store: CaseStore;
}

/** What one round of `planAwaitingFirstMessages` did (as `AwaitingPlanned` for the reminders). */
export interface FirstMessagesPlanned {
  listed: number;
  planned: number;
  failed: { caseId: string; error: unknown }[];
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
export async function planAwaitingFirstMessages(deps: FirstMessagesDeps, limit: number): Promise<FirstMessagesPlanned> {
  const caseIds = await deps.store.listCasesAwaitingFirstMessages(limit);
  const failed: FirstMessagesPlanned['failed'] = [];
  let queued = 0;
  await eachAtOnce(caseIds, caseIds.length, async (caseId) => {
    try {
      const c = await deps.store.getCase(caseId);
      const outgoing =
        c === undefined || isErased(c) ? { messages: [], at: deps.clock.now() } : await planFollowUp(deps, { case: c, events: submitted(c) });
      await deps.store.storeFirstMessages(caseId, outgoing);
      queued += outgoing.messages.length;
    } catch (error) {
      failed.push({ caseId, error });
    }
  });
  if (queued > 0) deps.drainer.wake();
  return { listed: caseIds.length, planned: caseIds.length - failed.length, failed };
}
