import BetterSqlite3 from 'better-sqlite3';

/**
 * Makes the SQLite file at `file` refuse every audit row by `actorId` (a trigger, as a full disk or a broken row
 * would refuse a write), so that a test can fail the last part of a transaction and see that none of it stayed.
 */
export function refuseAuditRowsBy(file: string, actorId: string): void {
  const db = new BetterSqlite3(file);
  try {
    db.prepare(
      `CREATE TRIGGER refuse_audit_rows BEFORE INSERT ON audit WHEN NEW.actor_id = '${actorId.replaceAll("'", "''")}'
       BEGIN SELECT RAISE(ABORT, 'audit row refused'); END`,
    ).run();
  } finally {
    db.close();
  }
}
