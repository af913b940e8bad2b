import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { GroupCommit } from '../../src/adapters/store/sqlite/group-commit';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { teamsSendLimits } from '../../src/app/outbox/send-window';
import type { NewCase } from '../../src/domain/case/case';
import { aNewCase } from '../support/a-new-case';
import { aReminderPlan } from '../support/a-reminder-plan';
import { stockholmTime } from '../support/fixed-clock';
import { aStatusMessage } from '../support/outbox-messages';
import { refuseAuditRowsBy } from '../support/refuse-audit-rows';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'sst-bridge-group-commit-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('group commit (SQLite)', () => {
  it('commits the writes of one event-loop turn together: another connection sees none of them, then all', async () => {
    const file = join(dir, 'g.db');
    const db = new BetterSqlite3(file);
    db.pragma('journal_mode = WAL');
    db.exec('CREATE TABLE t (n INTEGER)');
    const reader = new BetterSqlite3(file, { readonly: true });
    const insert = db.prepare('INSERT INTO t (n) VALUES (?)');
    const seenByOthers = () => (reader.prepare('SELECT count(*) AS c FROM t').get() as { c: number }).c;
    try {
      const group = new GroupCommit(db);
      const seen = await Promise.all([1, 2, 3].map((n) => group.run(() => (insert.run(n), seenByOthers()))));
      expect(seen).toEqual([0, 0, 0]);
      expect(seenByOthers()).toBe(3);
    } finally {
      reader.close();
      db.close();
    }
  });

  it('rejects a case whose part failed alone and stores the others of its group', async () => {
    const file = join(dir, 'cases.db');
    const store = SqliteCaseStore.open(file, stockholmTime);
    refuseAuditRowsBy(file, 'refused-teacher');
    try {
      const at = '2026-11-23T09:00:00.000Z';
      // The second case's audit row is refused: its write fails.
      const withIt = (c: NewCase, fail: boolean) => ({
        messages: [aStatusMessage('x', 'p-1')],
        at,
        reminders: 'later' as const,
        audit: [{ at, actorId: fail ? 'refused-teacher' : 'teacher-1', action: 'case.submitted', caseId: c.id }],
      });
      const cases = [aNewCase(), aNewCase(), aNewCase()];
      const results = await Promise.allSettled(cases.map((c, i) => store.createCase(c, 2026, withIt(c, i === 1))));
      expect(results.map((r) => r.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
      expect((await store.getCase(cases[0]?.id ?? ''))?.reference).toBe('FAR-2026-0001');
      expect(await store.getCase(cases[1]?.id ?? '')).toBeUndefined();
      // The failed case took no running number and left no mark or audit row behind.
      expect((await store.getCase(cases[2]?.id ?? ''))?.reference).toBe('FAR-2026-0002');
      expect(await store.listCasesAwaitingReminders(10)).toEqual([cases[0]?.id, cases[2]?.id]);
      expect(await store.listAudit({ caseId: cases[1]?.id ?? '' })).toEqual([]);
      expect(await store.listAudit({ caseId: cases[2]?.id ?? '' })).toHaveLength(1);
    } finally {
      await store.close();
    }
  });

  it('commits a reminder sweep’s writes of one turn together (queued messages, completions), a failing one refused alone', async () => {
    const file = join(dir, 'sweep.db');
    const store = SqliteCaseStore.open(file, stockholmTime);
    const reader = new BetterSqlite3(file, { readonly: true });
    const seenByOthers = () => ({
      queued: (reader.prepare('SELECT count(*) AS c FROM outbox_entries').get() as { c: number }).c,
      sent: (reader.prepare("SELECT count(*) AS c FROM reminders WHERE status = 'sent'").get() as { c: number }).c,
    });
    try {
      const at = '2026-11-25T09:00:00.000Z';
      const [a, b] = [aNewCase(), aNewCase()];
      for (const c of [a, b]) {
        await store.createCase(c, 2026);
        await store.replaceCaseReminders(c.id, [aReminderPlan(c.id)], '2026-11-23T09:00:00.000Z');
      }
      const claimed = await store.claimDueReminders({ now: at, instanceId: 'test', leaseMs: 60_000, limit: 10 });
      expect(claimed).toHaveLength(2);
      // What one turn of a sweep hands the store for two cases, and a re-plan that names another case (refused).
      const writes = [
        ...claimed.map((held, i) => store.outbox.enqueue([aStatusMessage(held.reminder.caseId, `p-${i}`)], at)),
        ...claimed.map((held) => store.completeReminder(held.claim, 'sent', at)),
        store.replaceCaseReminders(a.id, [aReminderPlan('another-case')], at),
      ];
      expect(seenByOthers()).toEqual({ queued: 0, sent: 0 });
      const outcomes = await Promise.allSettled(writes);
      expect(outcomes.map((o) => o.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled', 'rejected']);
      expect(seenByOthers()).toEqual({ queued: 2, sent: 2 });
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('logs a send slot at once, at the drainer’s time, not with the next group', async () => {
    const file = join(dir, 'slot.db');
    const store = SqliteCaseStore.open(file, stockholmTime);
    const reader = new BetterSqlite3(file, { readonly: true });
    try {
      const at = '2026-11-25T09:00:00.000Z';
      const now = Date.parse(at);
      await store.outbox.enqueue([aStatusMessage('case-a', 'p-1')], at);
      const [lease] = await store.outbox.claimLanes({ now, owner: 'one', leaseMs: 30_000, limit: 1 });
      if (lease === undefined) throw new Error('expected a lane to claim');
      const taken = store.outbox.takeSendSlot(lease, teamsSendLimits, now);
      // Before the event loop turns: another connection already sees the tenant's log with this send in it.
      const row = reader.prepare('SELECT send_log FROM outbox_tenant_budgets WHERE tenant_id = ?').get(lease.tenantId) as { send_log: string } | undefined;
      expect(row?.send_log).toBe(JSON.stringify([now]));
      expect(await taken).toEqual({ ok: true });
    } finally {
      reader.close();
      await store.close();
    }
  });

  it('commits what still waits when the store closes', async () => {
    const file = join(dir, 'cases.db');
    const store = SqliteCaseStore.open(file, stockholmTime);
    const [first, second] = [aNewCase(), aNewCase()];
    // Both wait for the end of the turn.
    const created = [store.createCase(first, 2026), store.createCase(second, 2026)];
    await store.close();
    expect((await Promise.all(created)).map((r) => r.created)).toEqual([true, true]);
    const again = SqliteCaseStore.open(file, stockholmTime);
    try {
      expect((await again.getCase(second.id))?.reference).toBe('FAR-2026-0002');
    } finally {
      await again.close();
    }
  });
});
