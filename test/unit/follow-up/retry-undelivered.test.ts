import { describe, expect, it } from 'vitest';
import { newDeliveryRecord } from '../../../src/app/new-delivery-record';
import type { DeliveryStatus } from '../../../src/app/ports/deliveries';
import type { Recipient } from '../../../src/app/ports/addresses';
import { retryUndelivered } from '../../../src/app/retry-undelivered';
import { testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { RecordingMessenger } from '../../support/recording-messenger';
import { caseMessageDrainer } from '../../support/case-message-drainer';
import { aReminderPlan } from '../../support/a-reminder-plan';

const reporter: Recipient = { kind: 'person', tenantId: 'tenant-1', userId: 'teacher-1' };

async function retryOne(status: DeliveryStatus) {
  const store = new InMemoryCaseStore();
  const { case: c } = await store.createCase(aNewCase(), 2026);
  const record = { ...newDeliveryRecord(c, reporter, { what: 'status', status: 'received' }, '2026-11-24T09:00:00.000Z'), status, attempts: 1 };
  await store.saveDelivery(record);
  const messenger = new RecordingMessenger();
  const clock = new FixedClock('2026-11-24T10:00:00.000Z');
  const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => testDirectory });
  const delivered = await retryUndelivered({ store, clock, directory: () => testDirectory, drainer });
  await drainer.idle();
  return { delivered, messenger, key: record.key };
}

describe('the retry sweep', () => {
  it('sends a failed message again under its key, as the message its subject names', async () => {
    const { delivered, messenger, key } = await retryOne('failed');
    expect(delivered).toBe(1);
    expect(messenger.sent).toEqual([{ to: 'person:tenant-1:teacher-1', kind: 'status', key }]);
  });

  // A pending message is still in the outbox; an unreachable one waits for a person.
  it.each<DeliveryStatus>(['pending', 'unreachable'])('leaves a %s message alone', async (status) => {
    const { delivered, messenger } = await retryOne(status);
    expect(delivered).toBe(0);
    expect(messenger.sent).toEqual([]);
  });
});

describe('the retry sweep and reminders', () => {
  // The outbox gave up on a reminder card (Teams busy five times); the sweep has recorded the reminder as sent.
  async function failedReminder(reminderId: (caseId: string) => string) {
    const store = new InMemoryCaseStore();
    const { case: c } = await store.createCase(aNewCase(), 2026);
    await store.replaceCaseReminders(c.id, [aReminderPlan(c.id)], '2026-11-24T09:00:00.000Z');
    const subject = { what: 'reminder', reminderId: reminderId(c.id) } as const;
    const record = { ...newDeliveryRecord(c, reporter, subject, '2026-11-25T09:00:00.000Z'), status: 'failed', attempts: 5 } as const;
    await store.saveDelivery(record);
    const messenger = new RecordingMessenger();
    const clock = new FixedClock('2026-11-25T10:00:00.000Z');
    const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => testDirectory });
    const queued = await retryUndelivered({ store, clock, directory: () => testDirectory, drainer });
    await drainer.idle();
    return { queued, messenger, key: record.key };
  }

  it('queues a failed reminder card again under its key', async () => {
    const { queued, messenger, key } = await failedReminder((caseId) => aReminderPlan(caseId).id);
    expect(queued).toBe(1);
    expect(messenger.sent).toEqual([{ to: 'person:tenant-1:teacher-1', kind: 'reminder', key }]);
  });

  it('leaves a failed reminder card alone once its reminder is gone', async () => {
    const { queued, messenger } = await failedReminder((caseId) => `${caseId}:unassigned_case:escalation:gone`);
    expect(queued).toBe(0);
    expect(messenger.sent).toEqual([]);
  });
});
