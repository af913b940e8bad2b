import { caseStatusMessages } from '../../app/ports/messenger';
import type { CaseDelivery, StoredDeliverySubject } from '../../app/ports/deliveries';
import type { Recipient } from '../../app/ports/addresses';

/**
 * Records written before deliveries stored their recipient and subject as data (`to`, `subject`) carry them
 * only inside their key and recipient strings. This reader derives the two fields once, when such a record is
 * read, so that no code after the store reads a key. New records are written with both fields and never come
 * here; the key form is the one src/app/delivery-key.ts writes (`case:<caseId>:<what>:<recipient>`).
 */
export function withLegacyFields(d: Omit<CaseDelivery, 'subject' | 'to'>): CaseDelivery {
  const to = legacyRecipientOf(d.recipient);
  return { ...d, ...(to ? { to } : {}), subject: to ? legacySubjectOf(d.key, d.caseId, d.recipient) : { what: 'unrecognised' } };
}

/** The recipient an address-book key names, as `recipientKey` writes it. */
function legacyRecipientOf(key: string): Recipient | undefined {
  const inbox = /^inbox:(.+)$/.exec(key);
  if (inbox?.[1] !== undefined) return { kind: 'team_inbox', teamId: inbox[1] };
  const person = /^person:([^:]+):(.+)$/.exec(key);
  if (person?.[1] !== undefined && person[2] !== undefined) return { kind: 'person', tenantId: person[1], userId: person[2] };
  return undefined;
}

function legacySubjectOf(key: string, caseId: string, recipient: string): StoredDeliverySubject {
  const prefix = `case:${caseId}:`;
  const suffix = `:${recipient}`;
  if (!key.startsWith(prefix) || !key.endsWith(suffix) || key.length < prefix.length + suffix.length) return { what: 'unrecognised' };
  const what = key.slice(prefix.length, key.length - suffix.length);
  if (what === 'card') return { what: 'case_card' };
  if (what === 'input-request-card') return { what: 'input_request_card' };
  const status = caseStatusMessages.find((s) => what === `status-${s}`);
  if (status) return { what: 'status', status };
  const matched = /^(handover-card|question|input|reminder)-(.+)$/.exec(what);
  const [, kind, rest] = matched ?? [];
  if (rest === undefined) return { what: 'unrecognised' };
  switch (kind) {
    case 'handover-card':
      return { what: 'handover_card', unitId: rest };
    case 'question':
      return { what: 'question', questionId: rest };
    case 'input':
      return { what: 'input', questionId: rest };
    default: {
      const at = rest.indexOf('@');
      return at < 0 ? { what: 'reminder', reminderId: rest } : { what: 'reminder', reminderId: rest.slice(0, at), snoozedUntil: rest.slice(at + 1) };
    }
  }
}
