import type { Actor, Case } from '../domain/case/case';
import type { AuditLog } from './ports/audit';
import type { CaseRecords } from './ports/cases';
import type { Clock } from './ports/clock';

/**
 * The reporter's own reports, newest first; the read is audited. Shows process status only. An
 * investigator's input requests are not reports: they are listed under `mina överlämningar`.
 */
export async function listMyReports(deps: { store: CaseRecords & AuditLog; clock: Clock }, actor: Actor, limit = 20): Promise<Case[]> {
  const cases = (await deps.store.listCasesByReporter(actor.tenantId, actor.userId, limit)).filter((c) => c.kind !== 'input_request');
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: actor.userId,
    action: 'cases.listed_own',
    detail: { count: String(cases.length) },
  });
  return cases;
}
