import { beforeEach, describe, expect, it } from 'vitest';
import { planReminders } from '../../../src/app/plan-reminders';
import { sweepReminders, type SweepDeps } from '../../../src/app/sweep-reminders';
import type { Case, NewCase } from '../../../src/domain/case/case';
import type { Reminder } from '../../../src/domain/reminders/reminder';
import { people, testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { RecordingReminderSender } from '../../support/recording-reminder-sender';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const rules = stockholmCalendar();
const options = { instanceId: 'test-instance', leaseMs: 5 * 60_000, batchSize: 10, retryAfterMs: 30 * 60_000 };
/** A Farsta case created Monday 23 Nov 2026 10:00 with only the unassigned-case reminders (Wed 25 Nov and Mon 30 Nov, 10:00). */
const aQuietCase = (overrides: Partial<NewCase> = {}): NewCase =>
  aNewCase({ consent: { givenBy: 'both_guardians', scope: ['absence'] }, createdAt: '2026-11-23T09:00:00.000Z', ...overrides });

describe('sweeping due reminders', () => {
  let store: InMemoryCaseStore;
  let clock: FixedClock;
  let sender: RecordingReminderSender;
  let deps: SweepDeps;

  const create = async (newCase = aQuietCase()): Promise<Case> => {
    const { case: c } = await store.createCase(newCase, 2026);
    await planReminders(deps, c.id);
    return c;
  };
  const statuses = async (caseId: string): Promise<string[]> => (await store.listRemindersForCase(caseId)).map((r) => `${r.step}:${r.status}`);
  const sentSteps = (): string[] => sender.sent.map((s) => `${s.reminder.kind}/${s.reminder.step}`);

  beforeEach(() => {
    store = new InMemoryCaseStore();
    clock = FixedClock.atStockholm('2026-11-23', '10:00');
    sender = new RecordingReminderSender();
    deps = { store, clock, directory: () => testDirectory, calendar: () => rules, sender };
  });

  it('sends a reminder when it falls due, once, and nothing before', async () => {
    const c = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '09:59').now());
    expect((await sweepReminders(deps, options)).sent).toEqual([]);
    clock.advance({ minutes: 1 });
    const result = await sweepReminders(deps, options);
    expect(result.sent).toHaveLength(1);
    expect(sender.sent.map((s) => s.reminder.recipient)).toEqual([{ kind: 'team_inbox', teamId: 'FAR-SST-1' }]);
    expect((await sweepReminders(deps, options)).sent).toEqual([]);
    expect(await statuses(c.id)).toEqual(['reminder:sent', 'escalation:pending']);
  });

  it('plans the cases awaiting their reminders before it claims, at any hour, so a reminder already due goes out in the same sweep', async () => {
    const { case: c } = await store.createCase(aQuietCase(), 2026, { messages: [], at: clock.now(), reminders: 'later' });
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result.sent).toHaveLength(1);
    expect(result.unplanned).toBeUndefined();
    expect(await store.listCasesAwaitingReminders(10)).toEqual([]);
    expect(await statuses(c.id)).toEqual(['reminder:sent', 'escalation:pending']);

    // Outside working hours nothing is claimed, but waiting cases are planned all the same.
    const { case: night } = await store.createCase(aQuietCase(), 2026, { messages: [], at: clock.now(), reminders: 'later' });
    clock.set(FixedClock.atStockholm('2026-11-25', '23:00').now());
    expect((await sweepReminders(deps, options)).skipped).toBe('outside_working_hours');
    expect(await store.listCasesAwaitingReminders(10)).toEqual([]);
    expect((await statuses(night.id)).length).toBeGreaterThan(0);
  });

  it('reports a waiting case whose planning failed and goes on with the sweep', async () => {
    const c = await create();
    const { case: broken } = await store.createCase(aQuietCase(), 2026, { messages: [], at: clock.now(), reminders: 'later' });
    const getCase = store.getCase.bind(store);
    store.getCase = async (id) => {
      if (id === broken.id) throw new Error('unreadable row');
      return getCase(id);
    };
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result.unplanned?.map((u) => u.caseId)).toEqual([broken.id]);
    expect(result.sent).toHaveLength(1);
    expect(await statuses(c.id)).toEqual(['reminder:sent', 'escalation:pending']);
    expect(await store.listCasesAwaitingReminders(10)).toEqual([broken.id]);
  });

  it('sweeps what is due even when the list of cases awaiting their reminders cannot be read', async () => {
    const c = await create();
    store.listCasesAwaitingReminders = async () => {
      throw new Error('query refused');
    };
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result.unplanned?.map((u) => (u.error instanceof Error ? u.error.message : ''))).toEqual(['query refused']);
    expect(result.sent).toHaveLength(1);
    expect(await statuses(c.id)).toEqual(['reminder:sent', 'escalation:pending']);
  });

  it('lets waiting requests in between: each turn of the event loop handles at most its limit of reminders', async () => {
    for (let i = 0; i < 5; i += 1) await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const sentWhenOthersRan: number[] = [];
    let done = false;
    // Stands for requests arriving during the sweep: each runs at the next turn of the event loop.
    const others = (): void => {
      sentWhenOthersRan.push(sender.sent.length);
      if (!done) setImmediate(others);
    };
    setImmediate(others);
    const result = await sweepReminders(deps, { ...options, parallel: 2 });
    done = true;
    expect(result.sent).toHaveLength(5);
    const handledBetween = sentWhenOthersRan.slice(1).map((sent, i) => sent - (sentWhenOthersRan[i] ?? 0));
    expect(Math.max(...handledBetween)).toBe(2);
    expect(sentWhenOthersRan.filter((sent) => sent > 0 && sent < 5).length).toBeGreaterThanOrEqual(2);
  });

  it('sends nothing at night or at the weekend: what fell due waits for the next working-hours start', async () => {
    await create();
    clock.set(FixedClock.atStockholm('2026-11-28', '11:00').now()); // Saturday, both reminders are due
    expect(await sweepReminders(deps, options)).toMatchObject({ skipped: 'outside_working_hours', sent: [] });
    clock.set(FixedClock.atStockholm('2026-11-30', '07:59').now());
    expect((await sweepReminders(deps, options)).sent).toEqual([]);
    clock.set(FixedClock.atStockholm('2026-11-30', '08:00').now());
    expect((await sweepReminders(deps, options)).sent).toHaveLength(1);
    expect(sentSteps()).toEqual(['unassigned_case/reminder']);
  });

  it('resolves the reminders at once when someone takes the case, so nobody is reminded', async () => {
    const c = await create();
    const taken = await store.updateCase({ ...c, state: 'assigned', assigneeId: people.farMember1 }, c.version);
    expect(taken.ok).toBe(true);
    await planReminders(deps, c.id);
    expect(await statuses(c.id)).toEqual(['reminder:resolved', 'escalation:resolved']);
    clock.set(FixedClock.atStockholm('2026-12-01', '10:00').now());
    expect((await sweepReminders(deps, options)).sent).toEqual([]);
    expect(sender.sent).toEqual([]);
  });

  it('checks the case’s current state before sending, even if nobody re-planned after the change', async () => {
    const c = await create();
    await store.updateCase({ ...c, state: 'assigned', assigneeId: people.farMember1 }, c.version);
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result).toMatchObject({ sent: [], resolved: [`${c.id}:unassigned_case:reminder:inbox`] });
    expect(sender.sent).toEqual([]);
  });

  it('tries again later when the sender cannot deliver now, and then sends once', async () => {
    let refuse = true;
    sender = new RecordingReminderSender({ answer: () => (refuse ? 'retry_later' : 'sent') });
    deps = { ...deps, sender };
    const c = await create();
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    expect((await sweepReminders(deps, options)).postponed).toHaveLength(1);
    refuse = false;
    clock.advance({ minutes: 29 });
    expect((await sweepReminders(deps, options)).sent).toEqual([]);
    clock.advance({ minutes: 1 });
    expect((await sweepReminders(deps, options)).sent).toHaveLength(1);
    expect((await store.listRemindersForCase(c.id))[0]).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('reports a reminder whose sending failed, gives it back, and still sends the others', async () => {
    const failing = await create();
    await create();
    const bug = new Error('sender bug');
    deps = {
      ...deps,
      sender: {
        send: async (r: Reminder, c: Case) => {
          if (c.id === failing.id) throw bug;
          return sender.send(r, c);
        },
      },
    };
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    const result = await sweepReminders(deps, options);
    expect(result.failed).toEqual([{ reminderId: `${failing.id}:unassigned_case:reminder:inbox`, caseId: failing.id, error: bug }]);
    expect(result.sent).toHaveLength(1);
    expect((await store.listRemindersForCase(failing.id))[0]).toMatchObject({ status: 'pending', dueAt: FixedClock.atStockholm('2026-11-25', '10:30').now() });
  });

  it('ends with a store failure only once the other cases’ reminders are handled', async () => {
    const failing = await create();
    for (let i = 0; i < 4; i += 1) await create();
    const storeDown = new Error('store down');
    const releaseReminder = store.releaseReminder.bind(store);
    deps = {
      ...deps,
      store: Object.assign(Object.create(store) as InMemoryCaseStore, {
        releaseReminder: async (...args: Parameters<InMemoryCaseStore['releaseReminder']>) => {
          if (args[0].reminderId.startsWith(failing.id)) throw storeDown;
          return releaseReminder(...args);
        },
      }),
      sender: {
        send: async (r: Reminder, c: Case) => {
          if (c.id === failing.id) throw new Error('sender bug');
          // The others take a few turns, as a store write does.
          for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
          return sender.send(r, c);
        },
      },
    };
    clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
    await expect(sweepReminders(deps, options)).rejects.toBe(storeDown);
    expect(sender.sent).toHaveLength(4);
  });

  it('plans the head teacher’s next reminder once one is sent', async () => {
    const steps = { guardiansInformed: true, pupilHealthInvolved: true, investigationStartedOn: '2026-11-23', adjustmentsTried: false, other: false };
    const c = await create(aQuietCase({ state: 'assigned', assigneeId: people.farMember1, steps }));
    clock.set(FixedClock.atStockholm('2026-11-30', '10:00').now());
    expect((await sweepReminders(deps, options)).sent).toEqual([`${c.id}:absence_investigation_notice:reminder:occurrence-1`]);
    expect((await store.listRemindersForCase(c.id)).map((r) => `${r.subject}:${r.status}:${r.dueAt}`)).toEqual([
      `occurrence-1:sent:${FixedClock.atStockholm('2026-11-30', '10:00').now()}`,
      `occurrence-2:pending:${FixedClock.atStockholm('2026-12-07', '10:00').now()}`,
    ]);
  });

  it('handles different cases’ reminders at once, and one case’s reminders one after the other', async () => {
    for (let i = 0; i < 12; i += 1) await create();
    clock.set(FixedClock.atStockholm('2026-11-30', '10:00').now()); // both of each case's reminders are due
    let inFlight = 0;
    let mostAtOnce = 0;
    const casesInFlight = new Set<string>();
    let sameCaseTwice = false;
    deps = {
      ...deps,
      sender: {
        send: async (r: Reminder, c: Case) => {
          if (casesInFlight.has(c.id)) sameCaseTwice = true;
          casesInFlight.add(c.id);
          inFlight += 1;
          mostAtOnce = Math.max(mostAtOnce, inFlight);
          // A send that takes a few turns, as a store write does.
          for (let turn = 0; turn < 3; turn += 1) await new Promise((resolve) => setImmediate(resolve));
          inFlight -= 1;
          casesInFlight.delete(c.id);
          return sender.send(r, c);
        },
      },
    };
    // A limit above the 24 reminders due: the 12 cases at once, never one case's two.
    const result = await sweepReminders(deps, { ...options, batchSize: 50, parallel: 24 });
    expect(result.sent).toHaveLength(24);
    expect(new Set(sender.ids()).size).toBe(24);
    expect(mostAtOnce).toBe(12);
    expect(sameCaseTwice).toBe(false);
  });

  it('sends everything due across several batches', async () => {
    for (let i = 0; i < 12; i += 1) await create();
    clock.set(FixedClock.atStockholm('2026-11-30', '10:00').now());
    expect((await sweepReminders(deps, { ...options, batchSize: 5 })).sent).toHaveLength(24);
    expect(new Set(sender.ids()).size).toBe(24);
  });
});
