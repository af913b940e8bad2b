import type { Case } from '../domain/case/case';
import { findInvestigationUnit, type Directory } from '../domain/routing/directory';
import { deliverCaseMessage, type DeliveryDeps } from './deliver-case-message';
import { teamInboxKey, type Recipient } from './ports/addresses';

/**
 * Who gets a handover's card: the unit's inbox channel when one is linked, otherwise its contacts in their
 * personal chats. Managers are not woken for every handover; reminders escalate to them.
 */
export async function unitRecipients(deps: Pick<DeliveryDeps, 'store'>, c: Case, dir: Directory): Promise<Recipient[]> {
  const h = c.handover;
  const unit = h === undefined ? undefined : findInvestigationUnit(dir, h.unitId);
  if (!unit || !h) return [];
  if (await deps.store.getAddress(teamInboxKey(unit.id))) return [{ kind: 'team_inbox', teamId: unit.id }];
  return unit.contacts.map((p) => ({ kind: 'person', tenantId: c.tenantId, userId: p.id }));
}

/** Posts a handover's card to the unit it is at now. Each unit and recipient gets it once, also after a forward. */
export async function routeToUnit(deps: DeliveryDeps & { directory: () => Directory }, c: Case): Promise<void> {
  const unitId = c.handover?.unitId;
  if (unitId === undefined || c.handover?.state === 'closed') return;
  for (const recipient of await unitRecipients(deps, c, deps.directory())) {
    await deliverCaseMessage(deps, {
      case: c,
      recipient,
      subject: { what: 'handover_card', unitId },
      message: { kind: 'handover_card', case: c },
    });
  }
}
