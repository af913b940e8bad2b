import { canReadTrail, rolesFor } from '../domain/access/policy';
import type { Actor, Case } from '../domain/case/case';
import { err, ok, type Result } from '../domain/errors';
import type { Directory } from '../domain/routing/directory';
import type { AuditEntry, AuditLog } from './ports/audit';
import type { CaseRecords } from './ports/cases';
import type { Clock } from './ports/clock';

/** The newest entries shown; the full trail is exported with `npm run audit:export -- --case …`. */
export const trailLimit = 40;

/**
 * A case's audit trail for its queue owners (a team's coordinator, a unit's manager): who viewed and did
 * what, when, newest first. Anyone else is refused. Reading the trail is itself audited.
 */
export async function showCaseTrail(
  deps: { store: CaseRecords & AuditLog; clock: Clock; directory: () => Directory },
  actor: Actor,
  reference: string,
): Promise<Result<{ case: Case; entries: AuditEntry[]; total: number }, { code: 'not_found' } | { code: 'not_authorized' }>> {
  const c = await deps.store.getCaseByReference(reference.trim().toUpperCase());
  if (!c) {
    // Probing references is recorded too: the answer is the same as for a case one may not see.
    await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'case.trail_refused', detail: { reason: 'not_found' } });
    return err({ code: 'not_found' });
  }
  const roles = c.tenantId === actor.tenantId ? rolesFor(actor.userId, c, deps.directory()) : [];
  const allowed = canReadTrail(roles);
  const entries = allowed ? await deps.store.listAudit({ caseId: c.id }) : [];
  await deps.store.appendAudit({
    at: deps.clock.now(),
    actorId: actor.userId,
    action: allowed ? 'case.trail_viewed' : 'case.trail_refused',
    caseId: c.id,
    ...(allowed ? {} : { detail: { reason: 'not_authorized' } }),
  });
  if (!allowed) return err({ code: 'not_authorized' });
  return ok({ case: c, entries: entries.slice(-trailLimit).reverse(), total: entries.length });
}
