import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CaseStore } from '../../src/app/ports/case-store';
import { SubmissionInProgressError, type CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { submissionClaimId } from '../../src/adapters/store/cosmos/cosmos-items';
import { formatCaseReference } from '../../src/domain/case/reference';
import { aNewCase } from '../support/a-new-case';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';

// Two stores with their own clients on one database stand in for two bot instances.
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

describe('CosmosCaseStore: two instances on one database', () => {
  let databaseId: string;
  let one: CosmosCaseStore;
  let two: CosmosCaseStore;
  const either = (i: number): CaseStore => (i % 2 === 0 ? one : two);

  beforeEach(async () => {
    databaseId = aDatabaseId('concurrency');
    one = await emulator.openStore(databaseId);
    two = await emulator.openStore(databaseId);
  });
  afterEach(async () => {
    await Promise.all([one.close(), two.close()]);
    await emulator.dropDatabase(databaseId);
  });

  it('makes exactly one case when the same form reaches both instances 20 times at once', async () => {
    const submissionKey = aNewCase().submissionKey;
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => either(i).createCase(aNewCase({ submissionKey }), 2026)));
    const created = results.filter((r) => r.created);
    expect(created).toHaveLength(1);
    expect(new Set(results.map((r) => r.case.id))).toEqual(new Set([created[0]?.case.id]));
    expect(results.every((r) => r.case.reference === 'FAR-2026-0001')).toBe(true);
    expect(await two.listCasesByReporter('tenant-1', 'teacher-1', 50)).toHaveLength(1);
    expect((await one.createCase(aNewCase(), 2026)).case.reference).toBe('FAR-2026-0002');
  });

  it('lets exactly one of ten updates from the same version win across instances', async () => {
    const { case: created } = await one.createCase(aNewCase(), 2026);
    const states = ['assigned', 'closed', 'handed_over'] as const;
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => either(i).updateCase({ ...created, state: states[i % 3] ?? 'assigned', text: `update ${i}` }, 1)),
    );
    const winners = results.flatMap((r) => (r.ok ? [r.case] : []));
    expect(winners).toHaveLength(1);
    expect(results.filter((r) => !r.ok)).toEqual(Array.from({ length: 9 }, () => ({ ok: false, reason: 'conflict' })));
    expect(await two.getCase(created.id)).toEqual(winners[0]);
    expect(winners[0]?.version).toBe(2);
  });

  it('gives 20 concurrent creates in one district, spread over both instances, distinct consecutive references', async () => {
    const results = await Promise.all(Array.from({ length: 20 }, (_, i) => either(i).createCase(aNewCase(), 2026)));
    expect(results.map((r) => r.case.reference).sort()).toEqual(Array.from({ length: 20 }, (_, i) => formatCaseReference('FAR', 2026, i + 1)));
    for (const r of results) expect((await either(1).getCaseByReference(r.case.reference))?.id).toBe(r.case.id);
  });
});

describe('CosmosCaseStore: a submission whose first request died before storing its case', () => {
  let databaseId: string;
  let store: CosmosCaseStore | undefined;
  const submissionKey = 'tenant-1:teacher-1:form-crashed';

  beforeEach(async () => {
    databaseId = aDatabaseId('crash');
    // A claim for a case that was never committed, as a process killed mid-create leaves behind.
    const seed = await emulator.openStore(databaseId);
    await seed.close();
    const client = await emulator.client();
    const id = submissionClaimId(submissionKey);
    await client.database(databaseId).container('case-keys').items.create({ id, kind: 'submission', caseId: 'case-that-never-was' });
    client.dispose();
  });
  afterEach(async () => {
    await store?.close();
    store = undefined;
    await emulator.dropDatabase(databaseId);
  });

  it('makes a retry wait and then fail with a clear error while the claim is fresh', async () => {
    store = await emulator.openStore(databaseId, { claimWaitMs: 200 });
    await expect(store.createCase(aNewCase({ submissionKey }), 2026)).rejects.toBeInstanceOf(SubmissionInProgressError);
    expect(await store.listCasesByReporter('tenant-1', 'teacher-1', 10)).toEqual([]);
  });

  it('lets a retry take over a claim older than the timeout, once, without skipping a reference', async () => {
    // Claim age comes from the server's `_ts`, in whole seconds: wait until the seeded claim is surely older
    // than the timeout, while a claim taken over now stays younger than it.
    store = await emulator.openStore(databaseId, { claimTimeoutMs: 1_500 });
    await new Promise((resolve) => setTimeout(resolve, 2_100));
    const retries = await Promise.all(Array.from({ length: 5 }, () => store?.createCase(aNewCase({ submissionKey }), 2026)));
    expect(retries.filter((r) => r?.created)).toHaveLength(1);
    expect(new Set(retries.map((r) => r?.case.reference))).toEqual(new Set(['FAR-2026-0001']));
    expect(await store.getCase('case-that-never-was')).toBeUndefined();
  });
});
