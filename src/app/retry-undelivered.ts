import { isCutOffByConsent, teamMayReceive } from '../domain/access/policy';
import type { Case } from '../domain/case/case';
import type { Directory } from '../domain/routing/directory';
import { deliverCaseMessage, type DeliveryDeps } from './deliver-case-message';
import { caseStatusMessages, type CaseMessage } from './ports/messenger';
import type { CaseDelivery } from './ports/deliveries';
import type { Recipient } from './ports/addresses';



/** The recipient an address-book key names, as written by `recipientKey`. */
export function recipientOf(key: string): Recipient | undefined {
  const inbox = /^inbox:(.+)$/.exec(key);
  if (inbox?.[1] !== undefined) return { kind: 'team_inbox', teamId: inbox[1] };
  const person = /^person:([^:]+):(.+)$/.exec(key);
  if (person?.[1] !== undefined && person[2] !== undefined) return { kind: 'person', tenantId: person[1], userId: person[2] };
  return undefined;
}

/** Which message a delivery carried, read back from its key (`case:<id>:<what>:<recipient>`). */
function messageOf(d: CaseDelivery, c: CaseMessage['case']): CaseMessage | undefined {
  const what = d.key.slice(`case:${d.caseId}:`.length, d.key.length - d.recipient.length - 1);
  if (what === 'card') return { kind: 'case_card', case: c };
  if (what === 'handover-card' || what.startsWith('handover-card-')) return { kind: 'handover_card', case: c };
  const status = caseStatusMessages.find((s) => what === `status-${s}`);
  if (status) return { kind: 'status', case: c, status };
  const question = /^question-(.+)$/.exec(what)?.[1];
  if (question !== undefined) return { kind: 'question', case: c, questionId: question };
  const input = /^input-(.+)$/.exec(what)?.[1];
  return input === undefined ? undefined : { kind: 'input_request', case: c, questionId: input };
}

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
 * sent twice. Unreachable recipients (the app is not installed for them) wait for a person to act: they are
 * shown to the coordinator instead. Returns how many were delivered now.
 */
export async function retryUndelivered(deps: DeliveryDeps & { directory: () => Directory }, limit = 100): Promise<number> {
  let delivered = 0;
  for (const d of await deps.store.listUndelivered(limit)) {
    if (d.status === 'unreachable') continue;
    const c = await deps.store.getCase(d.caseId);
    const recipient = recipientOf(d.recipient);
    const message = c ? messageOf(d, c) : undefined;
    if (!c || !recipient || !message) continue;
    if (message.kind === 'case_card' && withheldByConsent(c, recipient, deps.directory())) continue;
    const result = await deliverCaseMessage(deps, { case: c, recipient, purpose: d.purpose, message, key: d.key });
    if (result.status === 'delivered') delivered += 1;
  }
  return delivered;
}
