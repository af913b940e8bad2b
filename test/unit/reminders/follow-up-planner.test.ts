import { beforeEach, describe, expect, it } from 'vitest';
import type { DrainTimer } from '../../../src/app/outbox/outbox-drainer';
import { reminderPlansFor } from '../../../src/app/plan-reminders';
import { FollowUpPlanner, type FollowUpPlannerDeps } from '../../../src/app/follow-up-planner';
import type { Case, NewCase } from '../../../src/domain/case/case';
import { people, testDirectory } from '../../support/a-case';
import { aNewCase } from '../../support/a-new-case';
import { FixedClock } from '../../support/fixed-clock';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

/** Time that moves only when the test says: `advance` runs what falls due, in order, letting each settle. */
class ManualTimer implements DrainTimer {
  private at = 0;
  private tasks: { at: number; run: () => void }[] = [];

  now(): number {
    return this.at;
  }

  schedule(delayMs: number, run: () => void): () => void {
    const task = { at: this.at + Math.max(0, delayMs), run };
    this.tasks.push(task);
    return () => {
      this.tasks = this.tasks.filter((t) => t !== task);
    };
  }

  async advance(ms: number): Promise<void> {
    const until = this.at + ms;
    for (;;) {
      await settle();
      const next = [...this.tasks].sort((a, b) => a.at - b.at)[0];
      if (next === undefined || next.at > until) break;
      this.tasks = this.tasks.filter((t) => t !== next);
      this.at = next.at;
      next.run();
    }
    this.at = until;
    await settle();
  }
}

/** Lets every promise chain started so far run to its end (the in-memory store never waits on I/O). */
const settle = async (): Promise<void> => {
  for (let i = 0; i < 50; i += 1) await new Promise<void>((resolve) => setImmediate(resolve));
};

const rules = stockholmCalendar();
const at = '2026-11-23T09:00:00.000Z';

describe('the follow-up planner: reminders', () => {
  let store: InMemoryCaseStore;
  let clock: FixedClock;
  let timer: ManualTimer;
  let busy: boolean;
  let errors: { caseId?: string; error: unknown }[];
  let deps: FollowUpPlannerDeps;

  const createLater = async (overrides: Partial<NewCase> = {}): Promise<Case> =>
    (await store.createCase(aNewCase({ createdAt: at, ...overrides }), 2026, { messages: [], at, reminders: 'later' })).case;
  const waiting = async (): Promise<number> => (await store.listCasesAwaitingReminders(1_000)).length;

  beforeEach(() => {
    store = new InMemoryCaseStore();
    clock = FixedClock.atStockholm('2026-11-23', '10:00');
    timer = new ManualTimer();
    busy = false;
    errors = [];
    deps = {
      store,
      clock,
      directory: () => testDirectory,
      calendar: () => rules,
      drainer: { wake: () => undefined },
      timer,
      quietIn: () => (busy ? 100 : 0),
      onError: (error, caseId) => errors.push({ error, ...(caseId === undefined ? {} : { caseId }) }),
    };
  });

  it('plans every waiting case once no request is being answered, each as its state calls for, and takes it off the list', async () => {
    const cases = [];
    for (let i = 0; i < 40; i += 1) cases.push(await createLater());
    const planner = new FollowUpPlanner(deps, { batch: 16 });
    planner.start();
    await timer.advance(0);
    expect(await waiting()).toBe(0);
    for (const c of cases) {
      const expected = reminderPlansFor(deps, c, clock.now()).map((r) => r.id).sort();
      expect(expected.length).toBeGreaterThan(0);
      expect((await store.listRemindersForCase(c.id)).map((r) => r.id).sort()).toEqual(expected);
    }
    await planner.stop();
  });

  it('while requests keep coming, plans a couple of cases every eighth of a second, the longest waiting first, and the rest as soon as they stop', async () => {
    const cases = [];
    for (let i = 0; i < 40; i += 1) cases.push(await createLater());
    busy = true;
    const planner = new FollowUpPlanner(deps, { batch: 16, busyBatch: 2, busyEveryMs: 125 });
    planner.start();
    await timer.advance(0);
    expect(await waiting()).toBe(38);
    expect((await store.listRemindersForCase(cases[1]?.id ?? '')).length).toBeGreaterThan(0);
    expect(await store.listRemindersForCase(cases[2]?.id ?? '')).toEqual([]);
    planner.wake();
    await timer.advance(124);
    expect(await waiting()).toBe(38);
    await timer.advance(1);
    expect(await waiting()).toBe(36);
    await timer.advance(875);
    expect(await waiting()).toBe(22);
    // The last request is answered (the app wakes the planner then): the rest at once, 16 at a time.
    busy = false;
    planner.wake();
    await timer.advance(0);
    expect(await waiting()).toBe(0);
    await planner.stop();
  });

  it('looks at the list again after a while when it was empty, and at once when woken', async () => {
    const planner = new FollowUpPlanner(deps, { pollMs: 10_000 });
    planner.start();
    await timer.advance(0);
    await createLater();
    await timer.advance(9_999);
    expect(await waiting()).toBe(1);
    await timer.advance(1);
    expect(await waiting()).toBe(0);
    await createLater();
    planner.wake();
    await timer.advance(0);
    expect(await waiting()).toBe(0);
    await planner.stop();
  });

  it('a case whose planning fails is reported, stays on the list and holds up no other', async () => {
    const broken = await createLater();
    const fine = await createLater();
    const getCase = store.getCase.bind(store);
    store.getCase = async (id) => {
      if (id === broken.id) throw new Error('unreadable row');
      return getCase(id);
    };
    const planner = new FollowUpPlanner(deps, { pollMs: 10_000 });
    planner.start();
    await timer.advance(0);
    expect(await store.listCasesAwaitingReminders(10)).toEqual([broken.id]);
    expect((await store.listRemindersForCase(fine.id)).length).toBeGreaterThan(0);
    expect(errors.map((e) => e.caseId)).toEqual([broken.id]);
    await planner.stop();
  });

  it('plans a new report’s first messages from the case as it is now, queues them with the case taken off the list, and wakes the drainer', async () => {
    let wakes = 0;
    deps = { ...deps, drainer: { wake: () => (wakes += 1) } };
    const c = (
      await store.createCase(aNewCase({ createdAt: at }), 2026, { messages: [], at, reminders: 'later', firstMessages: 'later' })
    ).case;
    const erased = (
      await store.createCase(aNewCase({ createdAt: at, erasedAt: at }), 2026, { messages: [], at, reminders: 'later', firstMessages: 'later' })
    ).case;
    const planner = new FollowUpPlanner(deps);
    planner.start();
    await timer.advance(0);
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([]);
    const queued = await Promise.all([people.farMember1, people.farMember2].map((p) => store.outbox.listPending(`person:tenant-1:${p}`)));
    expect(queued.flat().map((e) => e.key).filter((k) => k.includes(c.id)).length).toBeGreaterThan(0);
    expect(queued.flat().some((e) => e.key.includes(erased.id))).toBe(false);
    expect(wakes).toBe(1);
    await planner.stop();
  });

  it('plans nothing more once stopped; what is on the list stays there', async () => {
    const planner = new FollowUpPlanner(deps);
    planner.start();
    await timer.advance(0);
    await planner.stop();
    await createLater();
    planner.wake();
    await timer.advance(60_000);
    expect(await waiting()).toBe(1);
  });

  it('idle() plans everything on the list at once, even while requests keep coming', async () => {
    for (let i = 0; i < 20; i += 1) await createLater();
    busy = true;
    const planner = new FollowUpPlanner(deps, { batch: 16 });
    await planner.idle();
    expect(await waiting()).toBe(0);
  });
});
