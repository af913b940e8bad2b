import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { NewCaseWith } from '../../src/app/ports/cases';
import { SubmissionInProgressError, type CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { submissionClaimId } from '../../src/adapters/store/cosmos/cosmos-items';
import { aNewCase } from '../support/a-new-case';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

// Cosmos DB writes a case's marker on the list of cases awaiting their reminders before the case itself, with
// no transaction between them: these are the states that order leaves behind.
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

const later = (at: string): NewCaseWith => ({ messages: [], at, reminders: 'later' });

describe('CosmosCaseStore: cases awaiting their reminders', () => {
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
  afterEach(async () => {
    await Promise.all(stores.splice(0).map((s) => s.close()));
    await emulator.dropDatabase(databaseId);
  });

  it('lists a case whose create failed after its marker only once no writer can store it, until planning it with no reminders takes it off', async () => {
    const store = await open({ claimWaitMs: 200 });
    // Another request holds the submission key and has not stored its case: this create gives up after its marker.
    const submissionKey = 'tenant-1:teacher-1:form-held';
    const client = await emulator.client();
    await client.database(databaseId).container('case-keys').items.create({ id: submissionClaimId(submissionKey), kind: 'submission', caseId: 'case-of-the-holder' });
    client.dispose();
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

  it("removes a repeated submission's marker, but keeps the stored case listed when the repeat comes with its id", async () => {
    const store = await open();
    const created = aNewCase();
    expect((await store.createCase(created, 2026, later('2026-11-23T09:00:00.000Z'))).created).toBe(true);
    const repeat = aNewCase({ submissionKey: created.submissionKey });
    expect((await store.createCase(repeat, 2026, later('2026-11-23T09:00:05.000Z'))).created).toBe(false);
    expect((await store.createCase(created, 2026, later('2026-11-23T09:00:06.000Z'))).created).toBe(false);

    // Ten minutes on, a marker without its case would be listed: none is left for the repeat.
    const tenMinutesOn = await open({ now: () => Date.now() + 10 * 60_000 });
    expect(await tenMinutesOn.listCasesAwaitingReminders(10)).toEqual([created.id]);
  });
});
