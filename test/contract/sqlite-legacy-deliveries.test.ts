import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { retryUndelivered } from '../../src/app/retry-undelivered';
import { testDirectory } from '../support/a-case';
import { aNewCase } from '../support/a-new-case';
import { FixedClock, stockholmTime } from '../support/fixed-clock';
import { RecordingMessenger } from '../support/recording-messenger';
import { caseMessageDrainer } from '../support/case-message-drainer';

// Deliveries stored before records carried their subject and recipient as data keep working: found by key,
// retried under the same key, never sent twice.
describe('SqliteCaseStore with delivery records written before typed keys', () => {
  let dir: string;
  let file: string;
  let store: SqliteCaseStore;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-legacy-'));
    file = join(dir, 'sst-bridge.db');
    store = SqliteCaseStore.open(file, stockholmTime);
  });
  afterEach(async () => {
    await store.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('sends a failed status message from an old record again under its own key, once', async () => {
    const { case: c } = await store.createCase(aNewCase(), 2026);
    const key = `case:${c.id}:status-received:person:tenant-1:teacher-1`;
    const body = { key, caseId: c.id, recipient: 'person:tenant-1:teacher-1', purpose: 'status', status: 'failed', attempts: 2, lastStatus: '503', createdAt: '2026-11-23T09:00:00.000Z', updatedAt: '2026-11-23T09:05:00.000Z' };
    const raw = new Database(file);
    raw.prepare('INSERT INTO deliveries (key, case_id, status, created_at, body) VALUES (?, ?, ?, ?, ?)').run(key, c.id, 'failed', body.createdAt, JSON.stringify(body));
    raw.close();

    const messenger = new RecordingMessenger();
    const clock = new FixedClock('2026-11-24T10:00:00.000Z');
    const drainer = caseMessageDrainer({ store, messenger, clock, directory: () => testDirectory });
    const deps = { store, clock, directory: () => testDirectory, drainer };
    expect(await retryUndelivered(deps)).toBe(1);
    await drainer.idle();
    expect(messenger.sent).toEqual([{ to: 'person:tenant-1:teacher-1', kind: 'status', key }]);
    expect(await store.getDelivery(key)).toMatchObject({ status: 'delivered', attempts: 3, subject: { what: 'status', status: 'received' } });
    expect(await retryUndelivered(deps)).toBe(0);
    expect(messenger.sent).toHaveLength(1);
  });
});
