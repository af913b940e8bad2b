import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import BetterSqlite3, { type Database } from 'better-sqlite3';

/**
 * Opens a connection to the case database at `filePath` (creating its folder and file if missing) with the
 * settings every connection of the store uses: WAL, a wait for another writer's lock instead of failing, foreign
 * keys, NORMAL sync (durable at each checkpoint, consistent at each commit), and freed content zeroed in the file,
 * so that an erased case leaves no readable copy (retention).
 */
export function openConnection(filePath: string): Database {
  mkdirSync(dirname(filePath), { recursive: true });
  const db = new BetterSqlite3(filePath);
  try {
    db.pragma('journal_mode = WAL');
    db.pragma('busy_timeout = 5000');
    db.pragma('foreign_keys = ON');
    db.pragma('synchronous = NORMAL');
    db.pragma('secure_delete = ON');
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}
