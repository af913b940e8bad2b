import { describe, expect, it } from 'vitest';
import { storedDeliverySchema } from '../../../src/adapters/store/stored-delivery-schema';
import { serialiseDeliveryKey } from '../../../src/app/delivery-key';
import type { DeliverySubject } from '../../../src/app/ports/deliveries';
import type { Recipient } from '../../../src/app/ports/addresses';

/**
 * Delivery keys are typed (src/app/delivery-key.ts) and written by one function in the form records in SQLite
 * and Cosmos already carry, so a delivery made before the change is still found, and never sent twice.
 */
const person: Recipient = { kind: 'person', tenantId: 'tenant-1', userId: 'user-7' };
const inbox: Recipient = { kind: 'team_inbox', teamId: 'FAR-SST-1' };

// The key strings the code wrote before keys were typed (deliveryKey(caseId, what, recipient), routeToUnit, reminderDeliveryKey).
const written: [DeliverySubject, Recipient, string][] = [
  [{ what: 'case_card' }, inbox, 'case:c-1:card:inbox:FAR-SST-1'],
  [{ what: 'case_card' }, person, 'case:c-1:card:person:tenant-1:user-7'],
  [{ what: 'handover_card', unitId: 'FAR-INV' }, inbox, 'case:c-1:handover-card-FAR-INV:inbox:FAR-SST-1'],
  [{ what: 'input_request_card' }, person, 'case:c-1:input-request-card:person:tenant-1:user-7'],
  [{ what: 'status', status: 'taken' }, person, 'case:c-1:status-taken:person:tenant-1:user-7'],
  [{ what: 'status', status: 'concern_feedback' }, person, 'case:c-1:status-concern_feedback:person:tenant-1:user-7'],
  [{ what: 'status', status: 'invitation' }, person, 'case:c-1:status-invitation:person:tenant-1:user-7'],
  [{ what: 'question', questionId: 'q-1' }, person, 'case:c-1:question-q-1:person:tenant-1:user-7'],
  [{ what: 'input', questionId: 'r-1' }, person, 'case:c-1:input-r-1:person:tenant-1:user-7'],
  [{ what: 'reminder', reminderId: 'rem-1' }, inbox, 'case:c-1:reminder-rem-1:inbox:FAR-SST-1'],
  [{ what: 'reminder', reminderId: 'rem-1', snoozedUntil: '2026-11-30T07:00:00.000Z' }, person, 'case:c-1:reminder-rem-1@2026-11-30T07:00:00.000Z:person:tenant-1:user-7'],
];

const recipientKeyOf = (r: Recipient) => (r.kind === 'team_inbox' ? `inbox:${r.teamId}` : `person:${r.tenantId}:${r.userId}`);

/** A delivery record as it was stored before `to` and `subject` were: nothing but strings. */
const legacyRecord = (key: string, recipient: string) => ({
  key,
  caseId: 'c-1',
  recipient,
  purpose: 'status',
  status: 'failed',
  attempts: 1,
  createdAt: '2026-11-23T09:00:00.000Z',
  updatedAt: '2026-11-23T09:00:00.000Z',
});

describe('typed delivery keys', () => {
  it.each(written)('writes %j to %j as the key stored before: %s', (subject, recipient, key) => {
    expect(serialiseDeliveryKey({ caseId: 'c-1', recipient, subject })).toBe(key);
  });

  it.each(written)('reads %j back from a record stored before subjects were (to %j)', (subject, recipient, key) => {
    const read = storedDeliverySchema.parse(legacyRecord(key, recipientKeyOf(recipient)));
    expect(read.subject).toEqual(subject);
    expect(read.to).toEqual(recipient);
  });

  it.each([
    ['a key for another case', 'case:c-2:card:inbox:FAR-SST-1', 'inbox:FAR-SST-1'],
    ['a key that is not a delivery key', 'card:c-1:v2', 'inbox:FAR-SST-1'],
    ['an unknown kind of message', 'case:c-1:routed:inbox:FAR-SST-1', 'inbox:FAR-SST-1'],
    ['a record without a recipient', 'case:c-1:status-taken:person:tenant-1:user-7', ''],
  ])('marks %s as unrecognised, so it is never sent again', (_what, key, recipient) => {
    expect(storedDeliverySchema.parse(legacyRecord(key, recipient)).subject).toEqual({ what: 'unrecognised' });
  });

  it('keeps the subject and recipient a new record was stored with', () => {
    const stored = { ...legacyRecord('case:c-1:question-q-1:person:tenant-1:user-7', 'person:tenant-1:user-7'), subject: { what: 'question', questionId: 'q-1' }, to: person };
    expect(storedDeliverySchema.parse(stored)).toEqual(stored);
  });
});
