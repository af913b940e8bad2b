import type { Actor, Case } from '../domain/case/case';
import type { Directory } from '../domain/routing/directory';
import type { AuditLog } from './ports/audit';
import type { CaseRecords } from './ports/cases';
import type { Clock } from './ports/clock';

const perUnitLimit = 50;

/**
 * The open handovers (not closed) at every investigation unit the actor is a contact or manager of,
 * unacknowledged and urgent first, then oldest first. The read is audited.
 */
export async function listMyHandovers(deps: { store: CaseRecords & AuditLog; clock: Clock; directory: () => Directory }, actor: Actor): Promise<Case[] | undefined> {
  const units = deps.directory().investigationUnits.filter((u) => [...u.contacts, ...u.managers].some((p) => p.id === actor.userId));
  if (units.length === 0) return undefined;
  const found: Case[] = [];
  for (const unit of units) found.push(...(await deps.store.listOpenHandovers(unit.id, perUnitLimit)));
  const mine = found.filter((c) => c.tenantId === actor.tenantId);
  const rank = (c: Case) => (c.handover?.state === 'pending' ? (c.handover.urgent ? 0 : 1) : 2);
  mine.sort((a, b) => rank(a) - rank(b) || (a.handover?.handedOverAt ?? '').localeCompare(b.handover?.handedOverAt ?? ''));
  await deps.store.appendAudit({ at: deps.clock.now(), actorId: actor.userId, action: 'handovers.listed', detail: { count: String(mine.length) } });
  return mine;
}
