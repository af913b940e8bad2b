import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCaseWith } from '../../src/app/ports/cases';
import { SubmissionInProgressError, type CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { submissionClaimId } from '../../src/adapters/store/cosmos/cosmos-items';
import { aNewCase } from '../support/a-new-case';
import { aCaseCard, aStatusMessage } from '../support/outbox-messages';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

// Cosmos DB writes a case's markers on the lists of cases awaiting their reminders or their first messages before
// the case itself, with no transaction between them: these are the states that order leaves behind.
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

const later = (at: string): NewCaseWith => ({ messages: [], at, reminders: 'later' });
const firstMessagesLater = (at: string): NewCaseWith => ({ messages: [], at, firstMessages: 'later' });
const bothLater = (at: string): NewCaseWith => ({ messages: [], at, reminders: 'later', firstMessages: 'later' });

describe('CosmosCaseStore: cases awaiting their reminders or their first messages', () => {
  let databaseId: string;
  const stores: CosmosCaseStore[] = [];
  const open = async (options: Parameters<CosmosEmulator['openStore']>[1] = {}) => {
    const store = await emulator.openStore(databaseId, options);
    stores.push(store);
    return store;
  };

  beforeEach(() => {
    databaseId = aDatabaseId('to-plan');
  });
  /** A submission key another request has claimed without storing its case (yet). */
  const heldSubmissionKey = async (): Promise<string> => {
    const submissionKey = 'tenant-1:teacher-1:form-held';
    const client = await emulator.client();
    await client.database(databaseId).container('case-keys').items.create({ id: submissionClaimId(submissionKey), kind: 'submission', caseId: 'case-of-the-holder' });
    client.dispose();
    return submissionKey;
  };

  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await emulator.dropDatabase(databaseId);
  });

  it('lists a case whose create failed after its marker only once no writer can store it, until planning it with no reminders takes it off', async () => {
    const store = await open({ claimWaitMs: 200 });
    // Another request holds the submission key and has not stored its case: this create gives up after its marker.
    const submissionKey = await heldSubmissionKey();
    const stalled = aNewCase({ submissionKey });
    await expect(store.createCase(stalled, 2026, later('2026-11-23T09:00:00.000Z'))).rejects.toBeInstanceOf(SubmissionInProgressError);
    const waiting = (await store.createCase(aNewCase(), 2026, later('2026-11-23T09:00:01.000Z'))).case;

    // While a create may still store its case, a planner would read "no such case" and plan nothing for it.
    expect(await store.listCasesAwaitingReminders(1)).toEqual([waiting.id]);

    const tenMinutesOn = await open({ now: () => Date.now() + 10 * 60_000 });
    expect(await tenMinutesOn.listCasesAwaitingReminders(10)).toEqual([stalled.id, waiting.id]);
    await tenMinutesOn.replaceCaseReminders(stalled.id, [], '2026-11-23T09:10:00.000Z');
    expect(await tenMinutesOn.listCasesAwaitingReminders(10)).toEqual([waiting.id]);
    expect(await tenMinutesOn.getCase(stalled.id)).toBeUndefined();
  });

  it("removes a repeated submission's markers, but keeps the stored case listed when the repeat comes with its id", async () => {
    const store = await open();
    const created = aNewCase();
    expect((await store.createCase(created, 2026, bothLater('2026-11-23T09:00:00.000Z'))).created).toBe(true);
    const repeat = aNewCase({ submissionKey: created.submissionKey });
    expect((await store.createCase(repeat, 2026, bothLater('2026-11-23T09:00:05.000Z'))).created).toBe(false);
    expect((await store.createCase(created, 2026, bothLater('2026-11-23T09:00:06.000Z'))).created).toBe(false);

    // Ten minutes on, a marker without its case would be listed: none is left for the repeat.
    const tenMinutesOn = await open({ now: () => Date.now() + 10 * 60_000 });
    expect(await tenMinutesOn.listCasesAwaitingReminders(10)).toEqual([created.id]);
    expect(await tenMinutesOn.listCasesAwaitingFirstMessages(10)).toEqual([created.id]);
  });

  it('lists a case whose create failed after its first-messages marker only once no writer can store it, until storing no messages for it takes it off', async () => {
    const store = await open({ claimWaitMs: 200 });
    const submissionKey = await heldSubmissionKey();
    const stalled = aNewCase({ submissionKey });
    await expect(store.createCase(stalled, 2026, firstMessagesLater('2026-11-23T09:00:00.000Z'))).rejects.toBeInstanceOf(SubmissionInProgressError);
    const waiting = (await store.createCase(aNewCase(), 2026, firstMessagesLater('2026-11-23T09:00:01.000Z'))).case;
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([waiting.id]);

    const tenMinutesOn = await open({ now: () => Date.now() + 10 * 60_000 });
    expect(await tenMinutesOn.listCasesAwaitingFirstMessages(10)).toEqual([stalled.id, waiting.id]);
    expect(await tenMinutesOn.listCasesAwaitingReminders(10)).toEqual([]);
    // The planner finds no such case and plans no messages for it: that is what takes it off.
    await tenMinutesOn.storeFirstMessages(stalled.id, { messages: [], at: '2026-11-23T09:10:00.000Z' });
    expect(await tenMinutesOn.listCasesAwaitingFirstMessages(10)).toEqual([waiting.id]);
    expect(await tenMinutesOn.getCase(stalled.id)).toBeUndefined();
  });

  it("keeps the two lists apart: planning a case's reminders leaves it awaiting its first messages, and storing those leaves it awaiting its reminders", async () => {
    const store = await open();
    const remindersFirst = (await store.createCase(aNewCase(), 2026, bothLater('2026-11-23T09:00:00.000Z'))).case;
    const messagesFirst = (await store.createCase(aNewCase(), 2026, bothLater('2026-11-23T09:00:01.000Z'))).case;
    expect(await store.listCasesAwaitingReminders(10)).toEqual([remindersFirst.id, messagesFirst.id]);
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([remindersFirst.id, messagesFirst.id]);

    await store.replaceCaseReminders(remindersFirst.id, [], '2026-11-23T09:00:02.000Z');
    const messages = [aCaseCard(messagesFirst.id, 'FAR-SST-1'), aStatusMessage(messagesFirst.id, 'teacher-1')];
    await store.storeFirstMessages(messagesFirst.id, { messages, at: '2026-11-23T09:00:03.000Z' });

    expect(await store.listCasesAwaitingReminders(10)).toEqual([messagesFirst.id]);
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([remindersFirst.id]);
  });

  it('stores a case\'s first messages once when they are stored twice (a planner that died before taking the case off the list)', async () => {
    const store = await open();
    const created = (await store.createCase(aNewCase(), 2026, firstMessagesLater('2026-11-23T09:00:00.000Z'))).case;
    const messages = [aCaseCard(created.id, 'FAR-SST-1'), aStatusMessage(created.id, 'teacher-1')];
    await store.storeFirstMessages(created.id, { messages, at: '2026-11-23T09:00:01.000Z' });
    await store.storeFirstMessages(created.id, { messages, at: '2026-11-23T09:00:02.000Z' });

    for (const message of messages) expect((await store.outbox.listPending(message.lane)).map((e) => e.key)).toEqual([message.key]);
    expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([]);
  });
});
