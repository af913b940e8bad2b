import type { Case } from '../domain/case/case';
import { findInvestigationUnit, type Directory } from '../domain/routing/directory';
import type { OutgoingMessages } from './outgoing-messages';
import { teamInboxKey, type AddressBook, type Recipient } from './ports/addresses';

/** What planning who is told reads: the address book (is a channel linked?) and the directory. */
export interface RoutingDeps {
  store: Pick<AddressBook, 'getAddress'>;
  directory: () => Directory;
}

/**
 * Who gets a handover's card: the unit's inbox channel when one is linked, otherwise its contacts in their
 * personal chats. Managers are not woken for every handover; reminders escalate to them.
 */
export async function unitRecipients(deps: Pick<RoutingDeps, 'store'>, c: Case, dir: Directory): Promise<Recipient[]> {
  const h = c.handover;
  const unit = h === undefined ? undefined : findInvestigationUnit(dir, h.unitId);
  if (!unit || !h) return [];
  if (await deps.store.getAddress(teamInboxKey(unit.id))) return [{ kind: 'team_inbox', teamId: unit.id }];
  return unit.contacts.map((p) => ({ kind: 'person', tenantId: c.tenantId, userId: p.id }));
}

/** Plans a handover's card for the unit it is at now. Each unit and recipient gets it once, also after a forward. */
export async function routeToUnit(deps: RoutingDeps, c: Case, out: OutgoingMessages): Promise<void> {
  const unitId = c.handover?.unitId;
  if (unitId === undefined || c.handover?.state === 'closed') return;
  for (const recipient of await unitRecipients(deps, c, deps.directory())) out.send(c, recipient, { what: 'handover_card', unitId });
}
