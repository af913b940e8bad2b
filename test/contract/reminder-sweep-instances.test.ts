import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { planReminders } from '../../src/app/plan-reminders';
import type { CaseStore } from '../../src/app/ports/case-store';
import { recipientKey } from '../../src/app/ports/addresses';
import { OutboxReminderSender } from '../../src/app/queue-reminder';
import { sweepParallel, sweepReminders, type SweepDeps } from '../../src/app/sweep-reminders';
import type { NewCase } from '../../src/domain/case/case';
import { people, testDirectory } from '../support/a-case';
import { aNewCase } from '../support/a-new-case';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';
import { FixedClock, stockholmTime } from '../support/fixed-clock';
import { RecordingReminderSender } from '../support/recording-reminder-sender';
import { stockholmCalendar } from '../unit/calendar/stockholm-calendar';

const rules = stockholmCalendar();
const options = (instanceId: string, batchSize = 20) => ({ instanceId, leaseMs: 5 * 60_000, batchSize, retryAfterMs: 30 * 60_000 });
/** Created Monday 23 Nov 2026 10:00; its two reminders fall due Wed 25 Nov and Mon 30 Nov at 10:00. */
const aQuietCase = (): NewCase => aNewCase({ consent: { givenBy: 'both_guardians', scope: ['absence'] }, createdAt: '2026-11-23T09:00:00.000Z' });

const depsOf = (store: CaseStore, clock: FixedClock, sender: RecordingReminderSender): SweepDeps => ({
  store,
  clock,
  directory: () => testDirectory,
  calendar: () => rules,
  sender,
});

async function createCases(store: CaseStore, clock: FixedClock, count: number): Promise<string[]> {
  const deps = depsOf(store, clock, new RecordingReminderSender());
  const ids: string[] = [];
  for (let i = 0; i < count; i += 1) {
    const { case: c } = await store.createCase(aQuietCase(), 2026);
    await planReminders(deps, c.id);
    ids.push(c.id);
  }
  return ids;
}

/**
 * Two bot instances sweeping one store at once: every reminder is sent by exactly one of them. With more due
 * reminders than `batchSize`, each instance claims batch after batch while the other does the same.
 */
async function sweepTwice(one: CaseStore, two: CaseStore, clock: FixedClock, batchSize = 20): Promise<string[]> {
  const senderOne = new RecordingReminderSender({ pause: true });
  const senderTwo = new RecordingReminderSender({ pause: true });
  const results = await Promise.all([
    sweepReminders(depsOf(one, clock, senderOne), options('instance-one', batchSize)),
    sweepReminders(depsOf(two, clock, senderTwo), options('instance-two', batchSize)),
  ]);
  expect(results.flatMap((r) => r.failed)).toEqual([]);
  expect(results.flatMap((r) => r.lost)).toEqual([]);
  return [...senderOne.ids(), ...senderTwo.ids()];
}

describe('reminders across a restart (SQLite file)', () => {
  let dir: string;
  let file: string;
  const opened: CaseStore[] = [];
  const open = (): CaseStore => {
    const store = SqliteCaseStore.open(file, stockholmTime);
    opened.push(store);
    return store;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-reminders-'));
    file = join(dir, 'cases.db');
  });
  afterEach(async () => {
    for (const store of opened.splice(0)) await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends once, after the restart, what fell due while the bot was down, and nothing that is not due yet', async () => {
    const clock = FixedClock.atStockholm('2026-11-23', '10:00');
    const before = open();
    const [caseId] = await createCases(before, clock, 1);
    await before.close();

    // Down from Monday to Thursday: the inbox reminder (Wednesday) fell due meanwhile, the escalation (next Monday) did not.
    clock.set(FixedClock.atStockholm('2026-11-26', '08:00').now());
    const sender = new RecordingReminderSender();
    const after = open();
    await sweepReminders(depsOf(after, clock, sender), options('after-restart'));
    await sweepReminders(depsOf(after, clock, sender), options('after-restart'));
    expect(sender.ids()).toEqual([`${caseId}:unassigned_case:reminder:inbox`]);
    await after.close();

    const again = open();
    clock.advance({ hours: 2 });
    await sweepReminders(depsOf(again, clock, sender), options('second-restart'));
    expect(sender.ids()).toHaveLength(1);
    expect((await again.listRemindersForCase(caseId ?? '')).map((r) => `${r.step}:${r.status}`)).toEqual(['reminder:sent', 'escalation:pending']);
  });

  it('lets another instance send a reminder whose claimer died before sending it, once its lease ran out', async () => {
    const clock = FixedClock.atStockholm('2026-11-25', '10:00');
    const store = open();
    const [caseId] = await createCases(store, FixedClock.atStockholm('2026-11-23', '10:00'), 1);
    const [dead] = await store.claimDueReminders({ now: clock.now(), instanceId: 'died', leaseMs: 5 * 60_000, limit: 10 });
    expect(dead?.reminder.caseId).toBe(caseId);

    const sender = new RecordingReminderSender();
    const survivor = open();
    expect((await sweepReminders(depsOf(survivor, clock, sender), options('survivor'))).sent).toEqual([]);
    clock.advance({ minutes: 5 });
    expect((await sweepReminders(depsOf(survivor, clock, sender), options('survivor'))).sent).toEqual([dead?.reminder.id]);
    expect(dead && (await store.completeReminder(dead.claim, 'sent', clock.now()))).toBe(false);
  });

  it('sends each of 200 due reminders exactly once with two instances on one file', async () => {
    const clock = FixedClock.atStockholm('2026-11-23', '10:00');
    const one = open();
    const two = open();
    await createCases(one, clock, 100);
    clock.set(FixedClock.atStockholm('2026-11-30', '10:00').now());
    const sent = await sweepTwice(one, two, clock);
    expect(sent).toHaveLength(200);
    expect(new Set(sent).size).toBe(200);
  });
});

describe('reminders with two instances on Cosmos DB (emulator)', () => {
  const emulator = new CosmosEmulator();
  afterAll(() => emulator.stop());

  // Twenty reminders in batches of five prove "exactly once" as well as two hundred in batches of twenty did
  // (both instances still claim batch after batch against each other), at a tenth of the emulator time.
  it('sends each of 20 due reminders exactly once, claimed in batches of 5', async () => {
    const databaseId = aDatabaseId('reminders');
    const one = await emulator.openStore(databaseId);
    const two = await emulator.openStore(databaseId);
    try {
      const clock = FixedClock.atStockholm('2026-11-23', '10:00');
      await createCases(one, clock, 10);
      clock.set(FixedClock.atStockholm('2026-11-30', '10:00').now());
      const sent = await sweepTwice(one, two, clock, 5);
      expect(sent).toHaveLength(20);
      expect(new Set(sent).size).toBe(20);
      // A later sweep finds nothing left.
      expect(await two.claimDueReminders({ now: clock.now(), instanceId: 'late', leaseMs: 60_000, limit: 10 })).toEqual([]);
    } finally {
      await Promise.all([one.close(), two.close()]);
      await emulator.dropDatabase(databaseId);
    }
  });

  // The sweep queues the reminders of up to `sweepParallel` cases at once: their messages race into the same
  // team members' lanes, which Cosmos DB orders with conditional writes on each lane.
  it('queues every due reminder of one team into each member’s chat once when cases are swept at once', async () => {
    const databaseId = aDatabaseId('reminders-queued');
    const store = await emulator.openStore(databaseId);
    try {
      const clock = FixedClock.atStockholm('2026-11-23', '10:00');
      const cases = sweepParallel + 4;
      await createCases(store, clock, cases);
      clock.set(FixedClock.atStockholm('2026-11-25', '10:00').now());
      const sender = new OutboxReminderSender({ store, clock, directory: () => testDirectory, drainer: { wake: () => undefined } });
      const result = await sweepReminders({ ...depsOf(store, clock, new RecordingReminderSender()), sender }, options('one', 50));
      expect(result.failed).toEqual([]);
      expect(result.sent).toHaveLength(cases);
      for (const member of [people.farMember1, people.farMember2, people.farCoordinator]) {
        const pending = await store.outbox.listPending(recipientKey({ kind: 'person', tenantId: 'tenant-1', userId: member }));
        expect(new Set(pending.map((entry) => entry.key)).size).toBe(cases);
        expect(pending).toHaveLength(cases);
      }
    } finally {
      await store.close();
      await emulator.dropDatabase(databaseId);
    }
  });
});
