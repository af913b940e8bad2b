import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { CosmosCaseStore } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { withCosmosOutbox } from '../../src/adapters/store/cosmos/cosmos-outbox';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { aNewCase } from '../support/a-new-case';
import { aDatabaseId, CosmosEmulator } from '../support/cosmos-emulator';
import { aDrainer, drainUntilIdle } from '../support/drive-outbox';
import { FixedClock, stockholmTime } from '../support/fixed-clock';
import { aCaseCard, aStatusMessage } from '../support/outbox-messages';
import { RecordingOutboxSender } from '../support/recording-outbox-sender';
import { refuseAuditRowsBy } from '../support/refuse-audit-rows';

const at = '2026-11-23T09:00:00.000Z';
const emulator = new CosmosEmulator();
afterAll(() => emulator.stop());

/** A fresh SQLite store in a temp folder for `use`, closed and removed afterwards. */
async function withSqliteStore(use: (store: SqliteCaseStore, file: string) => Promise<void>): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-outbox-tx-'));
  const file = join(dir, 'cases.db');
  const store = SqliteCaseStore.open(file, stockholmTime);
  try {
    await use(store, file);
  } finally {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  }
}

describe('a case change and its messages (SQLite: one transaction)', () => {
  it('enqueues with a successful update, and nothing with a conflicting one', async () => {
    await withSqliteStore(async (store) => {
      const submitted = aNewCase();
      const { case: c } = await store.createCase(submitted, 2026, { messages: [aStatusMessage(submitted.id, 'p-1')], at });
      const lane = 'person:tenant-1:p-1';
      expect(await store.outbox.listPending(lane)).toHaveLength(1);
      const conflict = await store.updateCase(c, c.version + 5, { messages: [aStatusMessage(c.id, 'p-1', 'taken')], at });
      expect(conflict).toEqual({ ok: false, reason: 'conflict' });
      expect(await store.outbox.listPending(lane)).toHaveLength(1);
      const updated = await store.updateCase(c, c.version, { messages: [aStatusMessage(c.id, 'p-1', 'taken')], at });
      expect(updated.ok).toBe(true);
      expect((await store.outbox.listPending(lane)).map((e) => e.key)).toEqual([
        `case:${c.id}:status-received:${lane}`,
        `case:${c.id}:status-taken:${lane}`,
      ]);
      const again = await store.createCase(submitted, 2026, { messages: [aStatusMessage(submitted.id, 'p-2')], at });
      expect(again.created).toBe(false);
      expect(await store.outbox.listPending('person:tenant-1:p-2')).toEqual([]);
    });
  });
});

describe('a new case with its messages, its marks for what is planned later and its audit rows (SQLite: one transaction)', () => {
  it('stores none of them when one part fails, and all of them otherwise', async () => {
    await withSqliteStore(async (store, file) => {
      const submitted = aNewCase();
      const withIt = (actorId: string) => ({
        messages: [aStatusMessage(submitted.id, 'p-1')],
        at,
        reminders: 'later' as const,
        firstMessages: 'later' as const,
        audit: [{ at, actorId, action: 'case.submitted', caseId: submitted.id }],
      });
      // The audit rows are the last part written.
      refuseAuditRowsBy(file, 'refused-teacher');
      await expect(store.createCase(submitted, 2026, withIt('refused-teacher'))).rejects.toThrow(/audit row refused/);
      expect(await store.getCase(submitted.id)).toBeUndefined();
      expect(await store.outbox.listPending('person:tenant-1:p-1')).toEqual([]);
      expect(await store.listCasesAwaitingReminders(10)).toEqual([]);
      expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([]);
      expect(await store.listAudit({ caseId: submitted.id })).toEqual([]);

      const { case: c } = await store.createCase(submitted, 2026, withIt('teacher-1'));
      expect(c.reference).toBe('FAR-2026-0001');
      expect(await store.outbox.listPending('person:tenant-1:p-1')).toHaveLength(1);
      expect(await store.listCasesAwaitingReminders(10)).toEqual([c.id]);
      expect(await store.listCasesAwaitingFirstMessages(10)).toEqual([c.id]);
      expect((await store.listAudit({ caseId: c.id })).map((e) => e.action)).toEqual(['case.submitted']);
    });
  });
});

/** A Cosmos DB store on a database of its own, dropped afterwards. */
async function withCosmosStore(name: string, use: (store: CosmosCaseStore) => Promise<void>): Promise<void> {
  const databaseId = aDatabaseId(name);
  const store = await emulator.openStore(databaseId);
  try {
    await use(store);
  } finally {
    await store.close();
    await emulator.dropDatabase(databaseId);
  }
}

/** Drains the store's outbox with one drainer on a fake clock: the delivery keys sent, in order. */
async function deliveredBy(store: CosmosCaseStore): Promise<string[]> {
  const clock = new FixedClock(at);
  const sender = new RecordingOutboxSender(clock);
  await drainUntilIdle([aDrainer({ outbox: store.outbox, records: store }, clock, sender, 'one')], clock);
  return sender.delivered();
}

describe('a case change and its messages (Cosmos DB: messages first, gated on the case version)', () => {
  it('takes the messages back when the update conflicts, and sends them once the update is stored', async () => {
    await withCosmosStore('outbox-tx', async (store) => {
    const { case: c } = await store.createCase(aNewCase(), 2026);
    const lane = 'person:tenant-1:p-1';
    const lost = await store.updateCase(c, c.version + 5, { messages: [aStatusMessage(c.id, 'p-1', 'taken')], at });
    expect(lost).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.outbox.listPending(lane)).toEqual([]);
    const stored = await store.updateCase(c, c.version, { messages: [aStatusMessage(c.id, 'p-1', 'taken')], at });
    expect(stored.ok).toBe(true);
    expect(await store.outbox.listPending(lane)).toMatchObject([{ afterCaseVersion: c.version + 1 }]);
    expect(await deliveredBy(store)).toEqual([`case:${c.id}:status-taken:${lane}`]);
    });
  });

  it('takes back a conflicting change\'s card that had replaced an earlier change\'s: the earlier card is sent, not lost', async () => {
    await withCosmosStore('outbox-coalesced', async (store) => {
    const { case: c } = await store.createCase(aNewCase(), 2026);
    const card = aCaseCard(c.id, 'team-1');
    const first = await store.updateCase(c, c.version, { messages: [card], at });
    expect(first.ok).toBe(true);
    // A second change from a stale read: its card replaces the first one in the lane, then its write conflicts.
    const stale = await store.updateCase(c, c.version, { messages: [card], at });
    expect(stale).toEqual({ ok: false, reason: 'conflict' });
    expect(await store.outbox.listPending(card.lane)).toMatchObject([{ key: card.key, afterCaseVersion: c.version + 1 }]);
    expect(await deliveredBy(store)).toEqual([card.key]);
    });
  });

  it('enqueues with a new case, gated on version 1, and takes the messages of a repeated submission back', async () => {
    await withCosmosStore('outbox-create', async (store) => {
    const submitted = aNewCase();
    await store.createCase(submitted, 2026, { messages: [aStatusMessage(submitted.id, 'p-1')], at });
    expect(await store.outbox.listPending('person:tenant-1:p-1')).toMatchObject([{ afterCaseVersion: 1 }]);
    const again = await store.createCase({ ...submitted, id: 'another-id' }, 2026, { messages: [aStatusMessage('another-id', 'p-2')], at });
    expect(again.created).toBe(false);
    expect(await store.outbox.listPending('person:tenant-1:p-2')).toEqual([]);
    });
  });

  it('keeps the messages of a write that failed without saying (a timeout: it may be stored), takes back those of a refused one', async () => {
    await withCosmosStore('outbox-unsure', async (store) => {
    const { case: c } = await store.createCase(aNewCase(), 2026);
    const [stored, refused] = [aStatusMessage(c.id, 'p-1', 'taken'), aStatusMessage(c.id, 'p-2', 'closed')];
    const timeout = Object.assign(new Error('request timed out'), { code: 408 });
    // The replace reached Cosmos DB, but its answer did not reach us.
    const write = async () => {
      await store.updateCase(c, c.version);
      throw timeout;
    };
    await expect(withCosmosOutbox(store.outbox, { messages: [stored], at }, c.version + 1, write, () => true)).rejects.toThrow('request timed out');
    const badRequest = Object.assign(new Error('bad request'), { code: 400 });
    const refuse = async () => {
      throw badRequest;
    };
    await expect(withCosmosOutbox(store.outbox, { messages: [refused], at }, c.version + 2, refuse, () => true)).rejects.toThrow('bad request');
    expect(await store.outbox.listPending(refused.lane)).toEqual([]);
    expect(await deliveredBy(store)).toEqual([stored.key]);
    });
  });

  it('drops a message whose case write never happened (the writer died) after the grace time, without sending it', async () => {
    await withCosmosStore('outbox-gate', async (store) => {
    const { case: c } = await store.createCase(aNewCase(), 2026);
    await store.outbox.enqueue([{ ...aStatusMessage(c.id, 'p-1', 'taken'), afterCaseVersion: c.version + 1 }], at);
    const clock = new FixedClock(at);
    const sender = new RecordingOutboxSender(clock);
    await drainUntilIdle([aDrainer({ outbox: store.outbox, records: store }, clock, sender, 'one', { commitGraceMs: 5_000 })], clock);
    expect(sender.calls).toEqual([]);
    expect(Date.parse(clock.now()) - Date.parse(at)).toBeGreaterThan(5_000);
    expect(await store.outbox.listPending('person:tenant-1:p-1')).toEqual([]);
    });
  });
});
