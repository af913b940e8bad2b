import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CorruptRowError } from '../../src/adapters/store/corrupt-row-error';
import { migrations } from '../../src/adapters/store/sqlite/migrations';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { aNewCase } from '../support/a-new-case';
import { stockholmTime } from '../support/fixed-clock';

// What only the SQLite store promises on top of the contract: its file, its schema and its boundary checks.
describe('SqliteCaseStore on disk', () => {
  let dir: string;
  const opened: { close(): unknown }[] = [];
  const open = (file: string): SqliteCaseStore => {
    const store = SqliteCaseStore.open(file, stockholmTime);
    opened.push(store);
    return store;
  };
  /** A second, raw connection: what an operator, a backup tool or a bug in other code could do to the file. */
  const raw = (file: string): Database.Database => {
    const db = new Database(file);
    opened.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-sqlite-'));
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('creates the folder for the database file when it does not exist yet', async () => {
    const file = join(dir, 'data', 'nested', 'sst-bridge.db');
    const store = open(file);
    const { case: created } = await store.createCase(aNewCase(), 2026);
    expect(existsSync(file)).toBe(true);
    expect(await store.getCase(created.id)).toEqual(created);
  });

  it('fails loudly on a corrupt case row, naming table, row and field but not the pupil data', async () => {
    const file = join(dir, 'cases.db');
    const store = open(file);
    const { case: created } = await store.createCase(aNewCase({ pupil: { initials: 'QX', yearGroup: 4 } }), 2026);
    raw(file)
      .prepare(`UPDATE cases SET body = json_set(body, '$.routing.schoolDistrictCode', 42, '$.pupil.initials', 7) WHERE id = ?`)
      .run(created.id);

    const failure = await store.getCase(created.id).then(
      () => undefined,
      (error: unknown) => error,
    );
    expect(failure).toBeInstanceOf(CorruptRowError);
    expect(failure).toMatchObject({ table: 'cases', rowId: created.id });
    const message = failure instanceof Error ? failure.message : '';
    expect(message).toContain(`cases/${created.id}`);
    expect(message).toContain('body.routing.schoolDistrictCode');
    expect(message).toContain('body.pupil.initials');
    expect(message).not.toContain('QX');
    await expect(store.listCasesByReporter(created.tenantId, created.reporterId, 10)).rejects.toThrow(CorruptRowError);
  });

  it('fails loudly on an audit row whose detail is not a map of codes, naming the row', async () => {
    const file = join(dir, 'cases.db');
    const store = open(file);
    raw(file).prepare(`INSERT INTO audit (at, actor_id, action, detail) VALUES ('2026-11-23T09:00:00.000Z', 'x', 'y', '{"count": 2}')`).run();
    await expect(store.listAudit({})).rejects.toThrow(/audit\/1 is corrupt: .*detail\.count/);
  });

  it('keeps the audit trail append-only, even against direct SQL', async () => {
    const file = join(dir, 'cases.db');
    const store = open(file);
    await store.appendAudit({ at: '2026-11-23T09:00:00.000Z', actorId: 'teacher-1', action: 'case.submitted', caseId: 'c-1' });
    const db = raw(file);
    expect(() => db.prepare(`UPDATE audit SET action = 'case.erased'`).run()).toThrow(/append-only/);
    expect(() => db.prepare('DELETE FROM audit').run()).toThrow(/append-only/);
    expect(await store.listAudit({})).toHaveLength(1);
  });

  it('refuses a database written by a newer build instead of guessing its schema', async () => {
    const file = join(dir, 'cases.db');
    await open(file).close();
    raw(file).pragma(`user_version = ${migrations.length + 1}`);
    let failure: unknown;
    try {
      open(file);
    } catch (error) {
      failure = error;
    }
    expect(failure).toMatchObject({ message: expect.stringContaining(file) });
    expect(failure).toMatchObject({ cause: { message: expect.stringContaining(`schema version is ${migrations.length + 1}`) } });
  });

  it('hands out distinct references and detects conflicts across two stores open on the same file', async () => {
    const file = join(dir, 'cases.db');
    const one = open(file);
    const two = open(file);
    const refs: string[] = [];
    for (let i = 0; i < 6; i += 1) refs.push((await (i % 2 === 0 ? one : two).createCase(aNewCase(), 2026)).case.reference);
    expect(refs).toEqual(['FAR-2026-0001', 'FAR-2026-0002', 'FAR-2026-0003', 'FAR-2026-0004', 'FAR-2026-0005', 'FAR-2026-0006']);

    const seen = await one.getCaseByReference('FAR-2026-0001');
    if (!seen) throw new Error('case FAR-2026-0001 was not stored');
    expect((await two.updateCase({ ...seen, state: 'assigned' }, 1)).ok).toBe(true);
    expect(await one.updateCase({ ...seen, state: 'closed' }, 1)).toEqual({ ok: false, reason: 'conflict' });
  });
});
