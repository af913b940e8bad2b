import { existsSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/adapters/store/sqlite/migrations';
import { SqliteCaseStore, type SqliteStoreOptions } from '../../src/adapters/store/sqlite/sqlite-case-store';
import type { Case } from '../../src/domain/case/case';
import { eraseCase } from '../../src/domain/retention/retention';
import { aClosedCase, personalMarkers } from '../support/a-closed-case';
import { aNewCase } from '../support/a-new-case';
import { stockholmTime } from '../support/fixed-clock';

// What only the SQLite store promises on top of the contract: an erased case is gone from the files on disk
// (the database and its WAL), not only from what the store returns.
// Both as tests open it and as the server does, with the WAL checkpointed from a worker thread.
describe.each([
  ['checkpoints in commits', {}],
  ['checkpoints in a worker', { checkpointEveryMs: 10 }],
])('SqliteCaseStore erasure on disk (%s)', (_name, options: SqliteStoreOptions) => {
  let dir: string;
  let file: string;
  let store: SqliteCaseStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-erasure-'));
    file = join(dir, 'cases.db');
    store = SqliteCaseStore.open(file, stockholmTime, options);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  /** Every marker found in the database file or its WAL, as raw bytes. */
  const markersOnDisk = (): string[] => {
    const bytes = [file, `${file}-wal`].filter(existsSync).map((f) => readFileSync(f));
    return Object.values(personalMarkers).filter((m) => m.length > 3 && bytes.some((b) => b.includes(Buffer.from(m, 'utf8'))));
  };

  it('leaves no byte of the erased free texts in the database file or its WAL', async () => {
    const cases: Case[] = [];
    // Enough cases that some bodies were rewritten several times and spread over several pages.
    for (let i = 0; i < 30; i += 1) {
      const created = (await store.createCase(aClosedCase('2026-12-03T10:00:00.000Z'), 2026)).case;
      const updated = await store.updateCase({ ...created, assigneeId: 'sst-2' }, created.version);
      if (!updated.ok) throw new Error('update failed');
      cases.push(updated.case);
    }
    const markers = Object.values(personalMarkers).filter((m) => m.length > 3);
    expect(markersOnDisk()).toEqual(markers); // the test can fail: the texts are on disk before the purge

    for (const c of cases) expect((await store.eraseCase(eraseCase(c, '2029-01-05T02:00:00.000Z'), c.version)).ok).toBe(true);
    expect(markersOnDisk()).toEqual([]);
    await store.close();
    expect(markersOnDisk()).toEqual([]);
  });

  it('empties the WAL once a reader that held it in use (a backup, another process) lets go, without holding the event loop', async () => {
    const created = (await store.createCase(aClosedCase('2026-12-03T10:00:00.000Z'), 2026)).case;
    const updated = await store.updateCase({ ...created, assigneeId: 'sst-2' }, created.version);
    if (!updated.ok) throw new Error('update failed');
    expect(markersOnDisk()).not.toEqual([]);
    // A reader's snapshot keeps the WAL from being truncated: the erase's checkpoint is refused until it ends.
    const reader = new Database(file, { readonly: true });
    reader.prepare('BEGIN').run();
    reader.prepare('SELECT count(*) FROM cases').get();
    let ended = false;
    setTimeout(() => {
      reader.prepare('COMMIT').run();
      reader.close();
      ended = true;
    }, 100);
    expect((await store.eraseCase(eraseCase(updated.case, '2029-01-05T02:00:00.000Z'), updated.case.version)).ok).toBe(true);
    expect(ended).toBe(true);
    expect(markersOnDisk()).toEqual([]);
  });

  it('fills owner, end and erasure of cases stored before migration 5, with merged cases ending at their merge', async () => {
    await store.close();
    const v3 = new Database(file);
    v3.pragma('user_version = 0');
    v3.exec('DROP TABLE IF EXISTS cases; DROP TABLE IF EXISTS sequences; DROP TABLE IF EXISTS audit; DROP TABLE IF EXISTS addresses; DROP TABLE IF EXISTS deliveries; DROP TABLE IF EXISTS reminders; DROP TABLE IF EXISTS case_statistics; DROP TABLE IF EXISTS statistics_reports_daily; DROP TABLE IF EXISTS statistics_taken_daily; DROP TABLE IF EXISTS statistics_closed_daily; DROP TABLE IF EXISTS statistics_still_open_daily; DROP TABLE IF EXISTS outbox_lanes; DROP TABLE IF EXISTS outbox_entries; DROP TABLE IF EXISTS outbox_tenant_budgets; DROP TABLE IF EXISTS reminders_to_plan; DROP TABLE IF EXISTS first_messages_to_plan;');
    for (const migration of migrations.slice(0, 4)) v3.exec(migration);
    v3.pragma('user_version = 4');
    const closed: Case = { ...aClosedCase('2026-12-03T10:00:00.000Z'), reference: 'FAR-2026-0001', version: 2 };
    const base = aNewCase({ state: 'merged', mergedIntoId: closed.id });
    const merged: Case = {
      ...base,
      history: [...base.history, { at: '2026-12-02T10:00:00.000Z', by: 'sst-1', type: 'merged_into', detail: { caseId: closed.id } }],
      reference: 'FAR-2026-0002',
      version: 2,
    };
    const open: Case = { ...aNewCase(), reference: 'FAR-2026-0003', version: 1 };
    const insert = v3.prepare(
      `INSERT INTO cases (id, reference, submission_key, tenant_id, reporter_id, created_at, school_district_code, state, version, school_id, body)
       VALUES (@id, @reference, @submissionKey, @tenantId, @reporterId, @createdAt, 'FAR', @state, @version, @schoolId, @body)`,
    );
    for (const c of [closed, merged, open]) insert.run({ ...c, body: JSON.stringify(c) });
    v3.close();

    store = SqliteCaseStore.open(file, stockholmTime, options);
    const due = await store.listCasesDueForErasure({ closedBefore: '2026-12-31T00:00:00.000Z' }, 10);
    expect(due).toEqual([merged, closed]);
    // Migration 8's statistics rows are filled in for these old cases when the store opens.
    const facts = await store.statisticsFacts({ from: '2026-12-01', to: '2026-12-31', openOn: '2026-12-31', districtCodes: ['FAR'], unitIds: [] });
    expect(facts.closed).toEqual([{ outcome: 'handed_to_investigation', count: 1 }]);
  });
});
