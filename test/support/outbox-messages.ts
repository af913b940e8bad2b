import type { OutboxMessage } from '../../src/app/outbox/outbox-message';

/** A status message about `caseId` to a person's chat: the lane is the person. */
export function aStatusMessage(caseId: string, person: string, what = 'received', tenantId = 'tenant-1'): OutboxMessage {
  const recipient = `person:${tenantId}:${person}`;
  return {
    key: `case:${caseId}:status-${what}:${recipient}`,
    lane: recipient,
    tenantId,
    purpose: 'status',
    payload: { caseId, recipient, subject: { what: 'status', status: 'received' } },
  };
}

/** The case card of `caseId` in a team's inbox channel; it coalesces with the case's earlier cards there. */
export function aCaseCard(caseId: string, teamId: string, tenantId = 'tenant-1'): OutboxMessage {
  const recipient = `inbox:${teamId}`;
  return {
    key: `case:${caseId}:card:${recipient}`,
    lane: recipient,
    tenantId,
    purpose: 'case_card',
    payload: { caseId, recipient, subject: { what: 'case_card' } },
    coalesceKey: `card:${caseId}`,
  };
}
