import type { Case } from '../domain/case/case';
import type { OutgoingMessages } from './outgoing-messages';
import type { Recipient } from './ports/addresses';
import { inboxRecipients } from './route-to-inbox';
import type { RoutingDeps } from './route-to-unit';

/**
 * Plans an investigator's input request as one exchange card (the handover card) to the team's inbox (its
 * channel and, as for any case, its members personally when asked for or without a channel; the district's
 * fallback contact when no team serves the school) and to the investigator's own chat. Every copy is updated
 * in place when the team answers; each person's view comes through the card's refresh. Safe to run again.
 */
export async function routeInputRequest(deps: RoutingDeps, c: Case, out: OutgoingMessages): Promise<void> {
  if (c.kind !== 'input_request') return;
  const requester: Recipient = { kind: 'person', tenantId: c.tenantId, userId: c.reporterId };
  for (const recipient of [...(await inboxRecipients(deps, c, deps.directory())), requester]) out.send(c, recipient, { what: 'input_request_card' });
}
