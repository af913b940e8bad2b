import { rolesFor, type CaseRole } from '../domain/access/policy';
import type { Actor, Case } from '../domain/case/case';
import { isPossibleDuplicate } from '../domain/case/duplicates';
import { err, ok, type Result } from '../domain/errors';
import type { Directory } from '../domain/routing/directory';
import type { CaseDelivery, DeliveryRecords } from './ports/deliveries';
import type { AuditLog } from './ports/audit';
import type { CaseRecords } from './ports/cases';
import type { Clock } from './ports/clock';

export interface CaseForViewer {
  case: Case;
  roles: CaseRole[];
  /** Other open referrals that probably concern the same pupil. */
  duplicates: Case[];
  /** Deliveries of this case that have not reached their inbox. */
  undelivered: CaseDelivery[];
}

/** At most this many open cases of one school are compared for duplicates. */
const duplicateScanLimit = 200;

/** What a case card needs besides the case: its possible duplicates and undelivered messages. */
export async function caseContext(store: CaseRecords & DeliveryRecords, c: Case): Promise<Pick<CaseForViewer, 'duplicates' | 'undelivered'>> {
  const sameSchool = c.kind === 'referral' ? await store.listOpenCasesAtSchool(c.schoolId, duplicateScanLimit) : [];
  const deliveries = await store.listDeliveriesForCase(c.id);
  return {
    duplicates: sameSchool.filter((other) => isPossibleDuplicate(c, other)),
    undelivered: deliveries.filter((d) => d.status !== 'delivered'),
  };
}

/**
 * Opens a case for someone: their roles decide what the card will show (access/policy.ts). A stranger gets
 * `not_authorized`. Every display of a case, and every refusal, is audited.
 */
export async function viewCase(
  deps: { store: CaseRecords & DeliveryRecords & AuditLog; clock: Clock; directory: () => Directory },
  actor: Actor,
  caseId: string,
): Promise<Result<CaseForViewer, { code: 'not_found' } | { code: 'not_authorized' }>> {
  const c = await deps.store.getCase(caseId);
  const at = deps.clock.now();
  if (!c) return err({ code: 'not_found' });
  const roles = c.tenantId === actor.tenantId ? rolesFor(actor.userId, c, deps.directory()) : [];
  const seesSomething = roles.some((r) => r !== 'admin');
  await deps.store.appendAudit({
    at,
    actorId: actor.userId,
    action: seesSomething ? 'case.viewed' : 'case.view_refused',
    caseId: c.id,
    detail: { roles: roles.join(',') || 'none' },
  });
  if (!seesSomething) return err({ code: 'not_authorized' });
  return ok({ case: c, roles, ...(await caseContext(deps.store, c)) });
}
