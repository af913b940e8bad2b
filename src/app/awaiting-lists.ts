import { eachAtOnce } from './each-at-once';

/**
 * What one round of planning cases from a list of cases awaiting something after the answer (their first
 * messages, their reminders: `NewCaseWith`) did.
 */
export interface AwaitingPlanned {
  /** Cases taken from the list (at most the limit asked for). */
  listed: number;
  /** Of those, the cases now planned (and off the list). */
  planned: number;
  /** Cases whose planning failed; they stay on the list, for the next round. */
  failed: { caseId: string; error: unknown }[];
}

/** Plans every case of `caseIds` at once (on SQLite their writes share one commit); one failure holds up no other. */
export async function planEach(caseIds: readonly string[], plan: (caseId: string) => Promise<void>): Promise<AwaitingPlanned> {
  const failed: AwaitingPlanned['failed'] = [];
  await eachAtOnce(caseIds, caseIds.length, async (caseId) => {
    try {
      await plan(caseId);
    } catch (error) {
      failed.push({ caseId, error });
    }
  });
  return { listed: caseIds.length, planned: caseIds.length - failed.length, failed };
}

/** Runs `round` (taking up to `batch` cases) until the list is done; the failures, which stay on the list. */
export async function planWholeList(round: () => Promise<AwaitingPlanned>, batch: number): Promise<AwaitingPlanned['failed']> {
  const failed: AwaitingPlanned['failed'] = [];
  for (;;) {
    const done = await round();
    failed.push(...done.failed);
    // A round of failures only would list the same cases again.
    if (done.listed < batch || done.planned === 0) return failed;
  }
}
