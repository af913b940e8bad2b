import { isCutOffByConsent, teamMayReceive } from '../domain/access/policy';
import type { Case } from '../domain/case/case';
import { findDistrict, findSstTeam, type Directory, type SstTeam } from '../domain/routing/directory';
import type { OutgoingMessages } from './outgoing-messages';
import { teamInboxKey, type AddressBook, type Recipient } from './ports/addresses';
import { routeToUnit, type RoutingDeps } from './route-to-unit';

/**
 * Who gets a routed case's card: the team's inbox channel when one is linked, and its members personally
 * when the team asks for that or has no channel yet; the district's fallback contact when no team serves
 * the school. A case awaiting consent goes nowhere (domain.md T10); without a consent in force for the team,
 * only the team's school side gets it.
 */
export async function inboxRecipients(deps: { store: Pick<AddressBook, 'getAddress'> }, c: Case, dir: Directory): Promise<Recipient[]> {
  if (c.state === 'awaiting_consent') return [];
  const teamId = c.routing.sstTeamId;
  const team = teamId === undefined ? undefined : findSstTeam(dir, teamId);
  if (!team) {
    const district = findDistrict(dir, c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode);
    const contact = district?.fallbackContact.id;
    return contact === undefined || isCutOffByConsent(contact, c, dir) ? [] : [{ kind: 'person', tenantId: c.tenantId, userId: contact }];
  }
  // Without a consent in force for the team, only its school side hears of the case, personally (domain.md L19a).
  if (!teamMayReceive(c)) {
    const ids = [...new Set([...team.members, ...team.coordinators].map((p) => p.id))];
    return ids.filter((userId) => !isCutOffByConsent(userId, c, dir)).map((userId) => ({ kind: 'person', tenantId: c.tenantId, userId }));
  }
  return teamInboxRecipients(deps, team, c.tenantId);
}

/** A team's inbox: its linked channel, and its members personally when it asks for that or has no channel yet. */
export async function teamInboxRecipients(deps: { store: Pick<AddressBook, 'getAddress'> }, team: SstTeam, tenantId: string): Promise<Recipient[]> {
  const channel = await deps.store.getAddress(teamInboxKey(team.id));
  const recipients: Recipient[] = channel ? [{ kind: 'team_inbox', teamId: team.id }] : [];
  if (!channel || team.personalDelivery === 'always') {
    const people = new Map([...team.members, ...team.coordinators].map((p) => [p.id, p]));
    for (const id of people.keys()) recipients.push({ kind: 'person', tenantId, userId: id });
  }
  return recipients;
}

/** Plans a newly routed case's card for its inbox(es). Safe to plan again: each recipient gets it once. */
export async function routeToInbox(deps: RoutingDeps, c: Case, out: OutgoingMessages): Promise<void> {
  // Suspected harm: the unit got an urgent handover at intake and sees it at once, consent or not (F2).
  if (c.handover?.state === 'pending') await routeToUnit(deps, c, out);
  for (const recipient of await inboxRecipients(deps, c, deps.directory())) out.send(c, recipient, { what: 'case_card' });
}
