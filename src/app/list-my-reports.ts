import type { Actor, Case } from '../domain/case/case';
import type { CaseStore, Clock } from './ports';

/** The reporter's own reports, newest first; the read is audited. Shows process status only. */
export async function listMyReports(deps: { store: CaseStore; clock: Clock }, actor: Actor, limit = 20): Promise<Case[]> {
  const cases = await deps.store.listCasesByReporter(actor.tenantId, actor.userId, limit);
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: actor.userId,
    action: 'cases.listed_own',
    detail: { count: String(cases.length) },
  });
  return cases;
}
