import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { calendarOf } from '../../src/adapters/calendar/calendar-of';
import { reminderPlansFor } from '../../src/app/plan-reminders';
import type { CaseStore } from '../../src/app/ports/case-store';
import { aTeacher, anInvoke } from '../support/activities';
import { BotInstances, type BotInstance, type StoreKind } from '../support/bot-instances';
import { CosmosEmulator } from '../support/cosmos-emulator';
import { GatedDrainTimer } from '../support/gated-drain-timer';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { textOf } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

/**
 * A report is answered once its case and audit rows are stored; its first cards and its reminders are planned
 * after the answer by the app's follow-up planner, from the lists of cases awaiting them that the store keeps
 * with the case.
 * Through the real app (createApp, HTTP /api/messages) on both stores.
 */
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

const dir = loadSampleDirectory();

async function submit(instance: BotInstance, serviceUrl: string, n: number): Promise<string> {
  const res = await instance.post(anInvoke(aTeacher(n), serviceUrl, 'report.submit', aReportPayload(aSchoolIn(dir, 'FAR'))));
  expect(res.status).toBe(200);
  const body = (await res.json()) as { value?: unknown };
  const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec(textOf(body.value))?.[0];
  if (reference === undefined) throw new Error(`report ${n} was not accepted: no case reference in the answer`);
  return reference;
}

async function until(what: string, probe: () => Promise<boolean>, withinMs = 20_000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!(await probe())) {
    if (Date.now() > deadline) throw new Error(`not within ${withinMs} ms: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** Each case's stored reminders against what its state calls for (the plan a re-plan would make). */
async function plannedAsItsStateCallsFor(store: CaseStore, bots: BotInstances, references: readonly string[]): Promise<void> {
  for (const reference of references) {
    const c = await store.getCaseByReference(reference);
    if (c === undefined) throw new Error(`no case ${reference}`);
    const expected = reminderPlansFor({ clock: bots.clock, directory: () => dir, calendar: () => calendarOf(dir) }, c, bots.clock.now());
    expect(expected.length).toBeGreaterThan(0);
    const stored = await store.listRemindersForCase(c.id);
    expect(stored.map((r) => [r.id, r.dueAt, r.status])).toEqual(
      [...expected].sort((a, b) => a.dueAt.localeCompare(b.dueAt) || a.id.localeCompare(b.id)).map((r) => [r.id, r.dueAt, 'pending']),
    );
  }
}

/** Case cards that reached a chat, as "conversation reference" (a card sent twice shows twice). */
function cardsAbout(bots: BotInstances, references: readonly string[]): string[] {
  return bots.connector.calls.flatMap((c) => {
    if (c.kind !== 'send' || c.failedWith !== undefined || !Array.isArray(c.body.attachments)) return [];
    const text = JSON.stringify(c.body.attachments);
    return references.filter((r) => text.includes(r)).map((r) => `${c.conversationId ?? ''} ${r}`);
  });
}

describe.each<StoreKind>(['sqlite', 'cosmos'])('first cards and reminders planned after the answer, through the real app on %s', (kind) => {
  let bots: BotInstances | undefined;
  afterEach(async () => {
    await bots?.stop();
    bots = undefined;
  });

  it('answers reports, then plans each case’s reminders as its state calls for once no request is left, without anyone waiting on the app', async () => {
    const running = await new BotInstances(kind, { emulator }).start();
    bots = running;
    const instance = await running.startInstance('only');
    const references = await Promise.all([1, 2, 3].map((n) => submit(instance, running.serviceUrl, n)));
    const store = await running.openStore();
    // Well within the planner's 10 s look at an empty list: the last answer woke it.
    await until('no case awaiting its reminders', async () => (await store.listCasesAwaitingReminders(10)).length === 0, 5_000);
    await plannedAsItsStateCallsFor(store, running, references);
  }, 60_000);

  it('a case still awaiting its first cards and reminders when the app stops gets both from the next app on the same store', async () => {
    // The gate holds every timer of the first app, its planner's included: it stops with the cases on the list.
    const gate = new GatedDrainTimer();
    const running = await new BotInstances(kind, { emulator, drainTimer: gate }).start();
    bots = running;
    const before = await running.startInstance('before-restart');
    const references = await Promise.all([1, 2].map((n) => submit(before, running.serviceUrl, n)));
    await before.stop();

    const store = await running.openStore();
    const ids = await Promise.all(references.map(async (r) => (await store.getCaseByReference(r))?.id));
    // Both were created at the same instant of the test's clock: the list's order between them is the store's.
    expect([...(await store.listCasesAwaitingReminders(10))].sort()).toEqual([...ids].sort());
    expect([...(await store.listCasesAwaitingFirstMessages(10))].sort()).toEqual([...ids].sort());
    for (const id of ids) expect(await store.listRemindersForCase(id ?? '')).toEqual([]);
    expect(cardsAbout(running, references)).toEqual([]);

    gate.open();
    await running.startInstance('after-restart');
    await until('no case awaiting its reminders', async () => (await store.listCasesAwaitingReminders(10)).length === 0);
    await until('no case awaiting its first cards', async () => (await store.listCasesAwaitingFirstMessages(10)).length === 0);
    await plannedAsItsStateCallsFor(store, running, references);
    // Each case's card reaches every member of the Farsta team once.
    const team = dir.sstTeams.find((t) => t.id === aSchoolIn(dir, 'FAR').sstTeamId);
    const members = new Set([...(team?.members ?? []), ...(team?.coordinators ?? [])].map((p) => p.id)).size;
    expect(members).toBeGreaterThan(0);
    await until('every case card in every chat', async () => cardsAbout(running, references).length >= members * references.length);
    expect(new Set(cardsAbout(running, references)).size).toBe(members * references.length);
  }, 60_000);
});
