import { fork } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type Database from 'better-sqlite3';
import { z } from 'zod';

export interface FilledStore {
  file: string;
  fillMs: number;
  /** How the fill ran, for the section's notes, when not in the section itself. */
  fillNote?: string;
}

/**
 * Runs `measure` on `filled`, or, when the section runs alone, on a store `fill` creates and fills first in a
 * folder of its own, removed afterwards.
 */
export async function onFilledStore<T>(filled: FilledStore | undefined, fill: (file: string) => Promise<number>, measure: (store: FilledStore) => Promise<T>): Promise<T> {
  if (filled !== undefined) return measure(filled);
  const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-bench-'));
  try {
    const file = join(dir, 'bench.db');
    return await measure({ file, fillMs: await fill(file) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Inserts a new store's rows (`insertRows`) as fast as SQLite allows, leaving the store as the server's are:
 * - one transaction, on a connection with a page cache large enough for the whole store (256 MiB), so that the
 *   transaction does not spill pages halfway, and the rollback journal in memory instead of the WAL, so that every
 *   page is written once, to the file, not to the WAL first and copied at the close (the two fills took 8.3–10.3 s
 *   instead of 13.1–14.2 s here); the file is set to WAL again at the end, as the server's stores are, and a crash
 *   halfway leaves a broken file, which is the benchmark's own temp file;
 * - the secondary indexes of `tables` dropped during the inserts and created again after them from the schema's
 *   own statements: SQLite builds an index over rows already in place by sorting them once, faster than keeping
 *   it in order through 100,000 inserts (6.9 and 5.0 s at once instead of 8.3–10.3 s). The unique indexes that
 *   back a constraint (`sqlite_autoindex_*`, no statement of their own) stay, and the store ends with the schema
 *   the migrations made.
 */
export function fillInBulk(db: Database.Database, tables: readonly string[], insertRows: () => void): void {
  db.pragma('cache_size = -262144');
  db.pragma('journal_mode = MEMORY');
  db.transaction(() => withIndexesBuiltAfter(db, tables, insertRows))();
  db.pragma('journal_mode = WAL');
}

/** Runs `fill` with the secondary indexes of `tables` dropped, then creates them again (see `fillInBulk`). */
export function withIndexesBuiltAfter(db: Database.Database, tables: readonly string[], fill: () => void): void {
  const indexes = db
    .prepare(`SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL AND tbl_name IN (${tables.map(() => '?').join(', ')})`)
    .all(...tables)
    .map((row) => indexRow.parse(row));
  for (const { name } of indexes) db.exec(`DROP INDEX "${name}"`);
  fill();
  for (const { sql } of indexes) db.exec(sql);
}

const indexRow = z.object({ name: z.string(), sql: z.string() });

export interface PrefilledStores {
  sweep: FilledStore;
  statistics: FilledStore;
  /** Removes both stores. */
  remove(): Promise<void>;
}

/**
 * The sweep's and the statistics' stores (100,000 cases each, 10–20 s of SQLite inserts each on a 2-core machine)
 * filled at the same time, each in a process of its own, so one per core, before either section measures: one
 * after the other, on one core, they had taken 25–40 s of the run.
 */
export async function prefillStores(): Promise<PrefilledStores> {
  const dir = await mkdtemp(join(tmpdir(), 'sst-bridge-bench-fills-'));
  const remove = () => rm(dir, { recursive: true, force: true });
  try {
    const note = (other: string) => `in a process of its own, at the same time as the ${other} store's, before either section measured`;
    const [sweepMs, statisticsMs] = await Promise.all([fillInChild('sweep', join(dir, 'sweep.db')), fillInChild('statistics', join(dir, 'statistics.db'))]);
    return {
      sweep: { file: join(dir, 'sweep.db'), fillMs: sweepMs, fillNote: note('statistics') },
      statistics: { file: join(dir, 'statistics.db'), fillMs: statisticsMs, fillNote: note('sweep') },
      remove,
    };
  } catch (error) {
    await remove();
    throw error;
  }
}

function fillInChild(kind: 'sweep' | 'statistics', file: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = fork(fileURLToPath(new URL('./fill.ts', import.meta.url)), [kind, file], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let fillMs: number | undefined;
    child.on('message', (message: unknown) => {
      if (typeof message === 'object' && message !== null && 'fillMs' in message && typeof message.fillMs === 'number') fillMs = message.fillMs;
    });
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 && fillMs !== undefined ? resolve(fillMs) : reject(new Error(`the ${kind} store's fill exited with code ${code}`))));
  });
}
