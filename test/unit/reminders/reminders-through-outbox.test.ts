import { beforeEach, describe, expect, it } from 'vitest';
import { outboxMessageOf } from '../../../src/app/outgoing-messages';
import { planReminders } from '../../../src/app/plan-reminders';
import { recipientKey, type DeliveryAddress, type Recipient } from '../../../src/app/ports/addresses';
import type { CaseMessage, DeliveryOutcome, Messenger } from '../../../src/app/ports/messenger';
import { OutboxReminderSender, type ReminderEvent } from '../../../src/app/queue-reminder';
import { sweepReminders, type SweepDeps } from '../../../src/app/sweep-reminders';
import type { Case, NewCase } from '../../../src/domain/case/case';
import type { Directory } from '../../../src/domain/routing/directory';
import { people, testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';
import { caseMessageDrainer } from '../../support/case-message-drainer';
import { drainUntilIdle, smallLimits } from '../../support/drive-outbox';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const rules = stockholmCalendar();
const options = { instanceId: 'test-instance', leaseMs: 5 * 60_000, batchSize: 10, retryAfterMs: 30 * 60_000 };
const tenantId = 'tenant-1';
const person = (userId: string): Recipient => ({ kind: 'person', tenantId, userId });
/** The Farsta team's inbox without a channel: its members and coordinator, each in their own chat. */
const farTeam = [people.farMember1, people.farMember2, people.farCoordinator].map((id) => recipientKey(person(id))).sort();
/** A Farsta case created Monday 23 Nov 2026 10:00; its unassigned-case reminder to the team falls due Wed 25 Nov 10:00. */
const aQuietCase = (overrides: Partial<NewCase> = {}): NewCase =>
  aNewCase({ consent: { givenBy: 'both_guardians', scope: ['absence'] }, createdAt: '2026-11-23T09:00:00.000Z', ...overrides });

/** Delivers everything and remembers what went to whom, when (by the test's clock), under which key. */
class TimedMessenger implements Messenger {
  readonly sent: { to: string; kind: CaseMessage['kind']; key: string; at: string; reminderId?: string }[] = [];
  constructor(private readonly clock: FixedClock) {}
  async send(recipient: Recipient, _address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    const about = message.kind === 'reminder' ? { reminderId: message.reminder.id } : {};
    this.sent.push({ to: recipientKey(recipient), kind: message.kind, key, at: this.clock.now(), ...about });
    return { status: 'delivered', messageId: `m-${key}`, newAddress: { transport: 'test', value: recipientKey(recipient) } };
  }
  async update(): Promise<DeliveryOutcome> {
    return { status: 'delivered', messageId: 'updated' };
  }
}

describe('reminders leave through the outbox', () => {
  let store: InMemoryCaseStore;
  let clock: FixedClock;
  let messenger: TimedMessenger;
  let wakes: number;
  let events: ReminderEvent[];
  let directory: Directory;
  let deps: SweepDeps;

  const create = async (newCase = aQuietCase()): Promise<Case> => {
    const { case: c } = await store.createCase(newCase, 2026);
    await planReminders(deps, c.id);
    return c;
  };
  const senderOf = () =>
    new OutboxReminderSender({ store, clock, directory: () => directory, drainer: { wake: () => (wakes += 1) }, onEvent: (e) => events.push(e) });
  const pending = async (): Promise<{ lane: string; key: string }[]> =>
    (await Promise.all(farTeam.map((lane) => store.outbox.listPending(lane)))).flat().map((e) => ({ lane: e.lane, key: e.key }));
  const reminderSends = () => messenger.sent.filter((s) => s.kind === 'reminder');

  beforeEach(() => {
    store = new InMemoryCaseStore();
    clock = FixedClock.atStockholm('2026-11-23', '10:00');
    messenger = new TimedMessenger(clock);
    wakes = 0;
    events = [];
    directory = testDirectory;
    deps = { store, clock, directory: () => directory, calendar: () => rules, sender: senderOf() };
  });

  it('queues one message per recipient for each due reminder, wakes the drainer, and sends nothing until it runs', async () => {
    const cases = [await create(), await create(), await create()];
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result.sent).toHaveLength(3);
    expect(messenger.sent).toEqual([]);
    const queued = await pending();
    expect(queued).toHaveLength(3 * farTeam.length);
    for (const c of cases) {
      expect(queued.filter((q) => q.key.startsWith(`case:${c.id}:reminder-`)).map((q) => q.lane).sort()).toEqual(farTeam);
    }
    expect(wakes).toBeGreaterThan(0);
    expect(await Promise.all(cases.map(async (c) => (await store.listRemindersForCase(c.id))[0]?.status))).toEqual(['sent', 'sent', 'sent']);

    await caseMessageDrainer({ store, messenger, clock, directory: () => directory }).idle();
    expect(reminderSends().map((s) => s.key).sort()).toEqual(queued.map((q) => q.key).sort());
    const reminderIds = await Promise.all(cases.map(async (c) => (await store.listRemindersForCase(c.id))[0]?.id));
    expect([...new Set(reminderSends().map((s) => s.reminderId))].sort()).toEqual(reminderIds.sort());
    expect(await pending()).toEqual([]);
  });

  it('reaches nobody twice when a sweep died after queueing and another takes the reminder over after its lease', async () => {
    const c = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => directory });
    // The first sweep claims and queues the reminder, then dies before recording it as sent.
    const [held] = await store.claimDueReminders({ now: clock.now(), instanceId: 'died', leaseMs: options.leaseMs, limit: 10 });
    if (held === undefined) throw new Error('expected the reminder to be due');
    await senderOf().send(held.reminder, c);
    await drainer.idle();
    expect(reminderSends().map((s) => s.to).sort()).toEqual(farTeam);

    clock.advance({ minutes: 5 });
    expect((await sweepReminders(deps, options)).sent).toEqual([held.reminder.id]);
    expect((await pending()).length).toBe(farTeam.length);
    await drainer.idle();
    expect(reminderSends().map((s) => s.to).sort()).toEqual(farTeam);
    expect(await pending()).toEqual([]);
  });

  it('drops a queued reminder that the case no longer plans when its turn comes: someone took the case meanwhile', async () => {
    const waiting = await create();
    const taken = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    await sweepReminders(deps, options);
    expect(await pending()).toHaveLength(2 * farTeam.length);
    // Someone takes one case while its "not taken yet" reminder waits in the outbox.
    const current = await store.getCase(taken.id);
    if (current === undefined) throw new Error('expected the case');
    await store.updateCase({ ...current, state: 'assigned', assigneeId: people.farMember1 }, current.version);
    await caseMessageDrainer({ store, messenger, clock, directory: () => directory }).idle();
    const remindedAbout = new Set(reminderSends().map((s) => s.key.split(':')[1]));
    expect([...remindedAbout]).toEqual([waiting.id]);
    expect(reminderSends().map((s) => s.to).sort()).toEqual(farTeam);
    expect(await pending()).toEqual([]);
  });

  it('queues a re-swept reminder once while its first messages still wait in the outbox', async () => {
    const c = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const [held] = await store.claimDueReminders({ now: clock.now(), instanceId: 'died', leaseMs: options.leaseMs, limit: 10 });
    if (held === undefined) throw new Error('expected the reminder to be due');
    await senderOf().send(held.reminder, c);
    clock.advance({ minutes: 5 });
    await sweepReminders(deps, options);
    expect(await pending()).toHaveLength(farTeam.length);
    await caseMessageDrainer({ store, messenger, clock, directory: () => directory }).idle();
    expect(reminderSends().map((s) => s.to).sort()).toEqual(farTeam);
  });

  it('paces reminder cards with the case cards in each person’s conversation, at the shared limits', async () => {
    const cases = [await create(), await create(), await create(), await create()];
    const coordinator = person(people.farCoordinator);
    // Four case cards wait for the coordinator when the reminders fall due.
    await store.outbox.enqueue(cases.map((c) => outboxMessageOf(c, coordinator, { what: 'case_card' })), clock.now());
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    await sweepReminders(deps, options);
    const start = Date.parse(clock.now());
    await drainUntilIdle([caseMessageDrainer({ store, messenger, clock, directory: () => directory, limits: smallLimits })], clock);

    const toCoordinator = messenger.sent.filter((s) => s.to === recipientKey(coordinator));
    expect(toCoordinator.map((s) => s.kind)).toEqual(['case_card', 'case_card', 'case_card', 'case_card', 'reminder', 'reminder', 'reminder', 'reminder']);
    // Four per 2 s in one conversation: the reminders wait for the window the case cards used.
    const firstReminder = toCoordinator.find((s) => s.kind === 'reminder');
    expect(Date.parse(firstReminder?.at ?? '') - start).toBeGreaterThanOrEqual(2_000);
    // Five per second for the tenant, across every conversation and both kinds.
    const times = messenger.sent.map((s) => Date.parse(s.at));
    for (const t of times) expect(times.filter((u) => u > t - 1_000 && u <= t).length).toBeLessThanOrEqual(5);
    expect(messenger.sent).toHaveLength(4 + 4 * farTeam.length);
  });

  it('sends no reminder card whose reminder is gone', async () => {
    const c = await create();
    const lost = outboxMessageOf(c, person(people.farMember1), { what: 'reminder', reminderId: `${c.id}:unassigned_case:reminder:nowhere` });
    await store.outbox.enqueue([lost], clock.now());
    await caseMessageDrainer({ store, messenger, clock, directory: () => directory }).idle();
    expect(messenger.sent).toEqual([]);
    expect(await store.getDelivery(lost.key)).toBeUndefined();
  });

  it('withholds a queued reminder from the team’s social-services side once the consent is withdrawn', async () => {
    const c = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    await sweepReminders(deps, options);
    const stored = await store.getCase(c.id);
    if (stored === undefined) throw new Error('expected the case');
    const consent = { givenBy: 'both_guardians', scope: ['absence'], recipients: ['sst_team'], validUntil: '2027-06-15' } as const;
    const withdrawn = { ...consent, scope: [...consent.scope], recipients: [...consent.recipients], withdrawnAt: clock.now(), withdrawnBy: people.farCoordinator };
    expect((await store.updateCase({ ...stored, consent: withdrawn }, stored.version)).ok).toBe(true);
    await caseMessageDrainer({ store, messenger, clock, directory: () => directory }).idle();
    expect(reminderSends().map((s) => s.to)).toEqual([recipientKey(person(people.farMember1))]);
  });

  it('queues nothing for a reminder nobody can receive, and reports it', async () => {
    const found = testDirectory.schools.find((s) => s.id === 'far-hokarangsskolan');
    if (found === undefined) throw new Error('expected Hökarängsskolan in the sample directory');
    const { headTeacher: _none, ...school } = found;
    directory = { ...testDirectory, schools: testDirectory.schools.map((s) => (s.id === school.id ? school : s)) };
    const c = await create();
    const [planned] = await store.listRemindersForCase(c.id);
    if (planned === undefined) throw new Error('expected the case to have reminders');
    const reminder = { ...planned, recipient: { kind: 'head_teacher', schoolId: school.id } as const };
    expect(await senderOf().send(reminder, c)).toBe('sent');
    expect(await pending()).toEqual([]);
    expect(wakes).toBe(0);
    expect(events).toEqual([{ event: 'reminder.no_recipient', reason: 'no_head_teacher_in_directory', reminderId: reminder.id, caseId: c.id, kind: reminder.kind, step: reminder.step }]);
  });
});
