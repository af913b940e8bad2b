import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/adapters/store/sqlite/migrations';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { stockholmTime } from '../support/fixed-clock';

// Migration 11 rebuilds the delivery records as a rowid table: what a file of version 10 held is still there,
// still found the same ways, and the constraints still refuse what they refused.
describe('SqliteCaseStore opening a file written before delivery records had rowids', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-rowid-'));
    file = join(dir, 'sst-bridge.db');
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const at = '2026-11-23T09:00:00.000Z';
  const record = (key: string, status: 'failed' | 'delivered', createdAt: string) => ({
    key,
    caseId: 'case-a',
    recipient: key.slice(key.indexOf('person:')),
    purpose: 'status',
    subject: { what: 'status', status: 'received' },
    status,
    attempts: 2,
    lastStatus: status === 'failed' ? '503' : '201',
    createdAt,
    updatedAt: createdAt,
  });

  /** A file as a build with migrations 1–10 left it, with a failed and a delivered record of one case. */
  function aVersion10File(): { failed: string; delivered: string } {
    const raw = new Database(file);
    raw.pragma('journal_mode = WAL');
    for (const [i, migration] of migrations.slice(0, 10).entries()) {
      raw.exec(migration);
      raw.pragma(`user_version = ${i + 1}`);
    }
    const failed = 'case:case-a:status-received:person:tenant-1:teacher-1';
    const delivered = 'case:case-a:status-received:person:tenant-1:teacher-2';
    const insert = raw.prepare('INSERT INTO deliveries (key, case_id, status, created_at, body) VALUES (?, ?, ?, ?, ?)');
    insert.run(delivered, 'case-a', 'delivered', at, JSON.stringify(record(delivered, 'delivered', at)));
    const later = '2026-11-23T09:01:00.000Z';
    insert.run(failed, 'case-a', 'failed', later, JSON.stringify(record(failed, 'failed', later)));
    raw.close();
    return { failed, delivered };
  }

  it('keeps every delivery record, found by key, by case and as undelivered', async () => {
    const { failed, delivered } = aVersion10File();
    const store = SqliteCaseStore.open(file, stockholmTime);
    try {
      expect(await store.getDelivery(failed)).toMatchObject({ status: 'failed', attempts: 2 });
      expect(await store.getDelivery(delivered)).toMatchObject({ status: 'delivered' });
      expect((await store.listDeliveriesForCase('case-a')).map((d) => d.key)).toEqual([delivered, failed]);
      expect((await store.listUndelivered(10)).map((d) => d.key)).toEqual([failed]);
    } finally {
      await store.close();
    }
  });

  it('makes a rowid table that still refuses a second record under one key and a body that is not JSON', async () => {
    const { failed } = aVersion10File();
    await SqliteCaseStore.open(file, stockholmTime).close();
    const raw = new Database(file);
    try {
      const definition = raw.prepare("SELECT sql FROM sqlite_schema WHERE name = 'deliveries'").get() as { sql: string };
      expect(definition.sql).not.toMatch(/WITHOUT ROWID/);
      const insert = raw.prepare('INSERT INTO deliveries (key, case_id, status, created_at, body) VALUES (?, ?, ?, ?, ?)');
      expect(() => insert.run(failed, 'case-a', 'failed', at, '{}')).toThrow(/UNIQUE/);
      expect(() => insert.run('k', 'case-a', 'failed', at, 'not json')).toThrow(/CHECK/);
      expect(() => insert.run(null, 'case-a', 'failed', at, '{}')).toThrow(/NOT NULL/);
    } finally {
      raw.close();
    }
  });
});
