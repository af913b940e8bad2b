import { isCutOffByConsent, teamMayReceive } from '../domain/access/policy';
import type { Case } from '../domain/case/case';
import type { Directory } from '../domain/routing/directory';
import { messageOf, resendDelivery, type DeliveryDeps } from './deliver-case-message';
import type { Recipient } from './ports/addresses';

/**
 * A case card is not sent again to the team's social-services side once no consent in force lets the case
 * reach the team (withdrawn): not to their chats, and not to the team channel they share (domain.md L19a).
 */
function withheldByConsent(c: Case, recipient: Recipient, dir: Directory): boolean {
  if (recipient.kind === 'team_inbox') return !teamMayReceive(c);
  return isCutOffByConsent(recipient.userId, c, dir);
}

/**
 * Sends again what failed for a transient reason (Teams busy, network), with the same keys, so nothing is
 * sent twice; the message is the one the record's subject names. Unreachable recipients (the app is not
 * installed for them) wait for a person to act: they are shown to the coordinator instead. Returns how many were delivered now.
 */
export async function retryUndelivered(deps: DeliveryDeps & { directory: () => Directory }, limit = 100): Promise<number> {
  let delivered = 0;
  for (const d of await deps.store.listUndelivered(limit)) {
    // A pending record is a send under way (deliverCaseMessage saves it first), perhaps on another instance:
    // only what failed is sent again.
    if (d.status === 'unreachable' || d.status === 'pending') continue;
    const c = await deps.store.getCase(d.caseId);
    const recipient = d.to;
    const message = c ? messageOf(d.subject, c) : undefined;
    if (!c || !recipient || !message) continue;
    if (message.kind === 'case_card' && withheldByConsent(c, recipient, deps.directory())) continue;
    const result = await resendDelivery(deps, d, recipient, message);
    if (result.status === 'delivered') delivered += 1;
  }
  return delivered;
}
