import type { Database } from 'better-sqlite3';
import { statisticsCountsMigration } from './statistics-counts-migration';

/**
 * Schema migrations, applied in order. `PRAGMA user_version` holds how many have run, so never edit or
 * reorder an entry once released: add a new one.
 */
export const migrations: readonly string[] = [
  // 1: cases with the columns we query on plus the whole case as JSON, per-district sequences, audit.
  `
  CREATE TABLE cases (
    id TEXT PRIMARY KEY,
    reference TEXT NOT NULL UNIQUE,
    submission_key TEXT NOT NULL UNIQUE,
    tenant_id TEXT NOT NULL,
    reporter_id TEXT NOT NULL,
    created_at TEXT NOT NULL,
    school_district_code TEXT NOT NULL,
    state TEXT NOT NULL,
    version INTEGER NOT NULL CHECK (version >= 1),
    body TEXT NOT NULL CHECK (json_valid(body))
  ) STRICT;
  CREATE INDEX cases_by_reporter ON cases (tenant_id, reporter_id, created_at);
  CREATE INDEX cases_by_district_state ON cases (school_district_code, state);

  CREATE TABLE sequences (
    district_code TEXT NOT NULL,
    year INTEGER NOT NULL,
    last INTEGER NOT NULL,
    PRIMARY KEY (district_code, year)
  ) STRICT, WITHOUT ROWID;

  CREATE TABLE audit (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    at TEXT NOT NULL,
    actor_id TEXT NOT NULL,
    action TEXT NOT NULL,
    case_id TEXT,
    detail TEXT CHECK (detail IS NULL OR json_valid(detail))
  ) STRICT;
  CREATE INDEX audit_by_case ON audit (case_id, at);
  CREATE INDEX audit_by_time ON audit (at);
  CREATE TRIGGER audit_is_append_only_update BEFORE UPDATE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  CREATE TRIGGER audit_is_append_only_delete BEFORE DELETE ON audit
    BEGIN SELECT RAISE(ABORT, 'audit is append-only'); END;
  `,
  // 2: the address book for proactive messages (personal chats, team inbox channels).
  `
  CREATE TABLE addresses (
    key TEXT PRIMARY KEY,
    address TEXT NOT NULL,
    updated_at TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 3: team queues and duplicate candidates, and delivery records.
  // The new case columns are copies of body fields, like the others; rows written before this migration are
  // filled from their body. The partial indexes hold open cases only, so both queue queries are range scans
  // that come out in created_at order (rowid, the last column of every index, breaks ties in insert order).
  // A query must repeat an index's WHERE term exactly for SQLite to use it.
  `
  ALTER TABLE cases ADD COLUMN school_id TEXT;
  ALTER TABLE cases ADD COLUMN sst_team_id TEXT;
  ALTER TABLE cases ADD COLUMN fallback_district_code TEXT;
  UPDATE cases SET
    school_id = json_extract(body, '$.schoolId'),
    sst_team_id = json_extract(body, '$.routing.sstTeamId'),
    fallback_district_code = json_extract(body, '$.routing.fallbackDistrictCode');
  CREATE INDEX cases_open_by_team ON cases (sst_team_id, created_at)
    WHERE state IN ('new', 'assigned', 'handed_over');
  CREATE INDEX cases_open_by_fallback_district ON cases (fallback_district_code, created_at)
    WHERE state IN ('new', 'assigned', 'handed_over');
  CREATE INDEX cases_open_by_school ON cases (school_id, created_at)
    WHERE state NOT IN ('closed', 'merged');

  CREATE TABLE deliveries (
    key TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX deliveries_by_case ON deliveries (case_id, created_at, key);
  CREATE INDEX deliveries_undelivered ON deliveries (created_at, key) WHERE status <> 'delivered';
  `,
  // 4: handovers at a unit (`mina överlämningar`): an expression index on the handover inside the body, for
  // handovers not closed only. The query repeats these expressions and this WHERE exactly.
  `
  CREATE INDEX cases_open_handover ON cases (json_extract(body, '$.handover.unitId'), json_extract(body, '$.handover.handedOverAt'))
    WHERE json_extract(body, '$.handover.state') IN ('pending', 'acknowledged', 'outcome_reported');
  `,
  // 5: retention. Owner, end and erasure time as copies of body fields; merged cases written before merge set
  // closedAt end at their merged_into event. The partial index holds ended, not yet erased cases only.
  `
  ALTER TABLE cases ADD COLUMN owner_kind TEXT;
  ALTER TABLE cases ADD COLUMN closed_at TEXT;
  ALTER TABLE cases ADD COLUMN erased_at TEXT;
  UPDATE cases SET
    owner_kind = json_extract(body, '$.owner.kind'),
    closed_at = CASE WHEN state IN ('closed', 'merged') THEN COALESCE(
      json_extract(body, '$.closedAt'),
      (SELECT max(json_extract(h.value, '$.at')) FROM json_each(body, '$.history') AS h WHERE json_extract(h.value, '$.type') = 'merged_into')
    ) END,
    erased_at = json_extract(body, '$.erasedAt');
  CREATE INDEX cases_due_for_erasure ON cases (owner_kind, closed_at)
    WHERE state IN ('closed', 'merged') AND erased_at IS NULL;
  `,
  // 6: follow-up reminders. status, due_at and the claim are copies of / additions to the body, written
  // together. The partial index holds pending reminders only, ordered by due time, so the due sweep is a
  // range scan over the reminders that are due (plus the few claimed ones), however many cases are open.
  `
  CREATE TABLE reminders (
    id TEXT PRIMARY KEY,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('pending', 'sent', 'resolved')),
    due_at TEXT NOT NULL,
    claim_token TEXT,
    claimed_until TEXT,
    body TEXT NOT NULL CHECK (json_valid(body)),
    CHECK ((claim_token IS NULL) = (claimed_until IS NULL)),
    CHECK (status = 'pending' OR claim_token IS NULL)
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX reminders_by_case ON reminders (case_id, due_at);
  CREATE INDEX reminders_due ON reminders (due_at) WHERE status = 'pending';
  `,
  // 7: retention per part. The purge lists ended cases not wholly erased by end time, whoever owns their parts,
  // so the erasure index no longer leads with the report's owner.
  `
  DROP INDEX cases_due_for_erasure;
  CREATE INDEX cases_ended_not_erased ON cases (closed_at)
    WHERE state IN ('closed', 'merged') AND erased_at IS NULL;
  `,
  // 8: anonymous statistics (docs/statistics.md). One row of non-personal facts per case, written with the case
  // (../../../domain/statistics/case-statistics-row.ts); rows of cases written before this migration are filled in
  // when the store opens (dates need the Stockholm time zone, which SQL does not have). The covering indexes let
  // each GROUP BY read one index range per district or unit, never the case bodies.
  `
  CREATE TABLE case_statistics (
    case_id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    state TEXT NOT NULL,
    district_code TEXT NOT NULL,
    support_level TEXT,
    suspected_harm INTEGER NOT NULL,
    reported_on TEXT NOT NULL,
    taken_on TEXT,
    closed_on TEXT,
    outcome TEXT,
    handover_unit_id TEXT,
    handover_urgent INTEGER,
    handed_over_on TEXT,
    handover_arrived_on TEXT,
    handover_arrived_time TEXT,
    acknowledged_on TEXT,
    acknowledged_time TEXT,
    handover_outcome TEXT,
    handover_outcome_days INTEGER,
    attendance_change_points INTEGER
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX statistics_by_report ON case_statistics
    (district_code, reported_on, kind, state, support_level, suspected_harm, closed_on, attendance_change_points);
  CREATE INDEX statistics_by_taken ON case_statistics (district_code, taken_on, kind, state, reported_on)
    WHERE taken_on IS NOT NULL;
  CREATE INDEX statistics_by_closed ON case_statistics (district_code, closed_on, kind, state, outcome)
    WHERE closed_on IS NOT NULL;
  CREATE INDEX statistics_by_handover ON case_statistics (handover_unit_id, handed_over_on, handover_urgent, handover_arrived_on,
    handover_arrived_time, acknowledged_on, acknowledged_time, handover_outcome, handover_outcome_days)
    WHERE handover_unit_id IS NOT NULL;
  `,
  // 9: daily counts and indexes for statistics at city scale (./statistics-counts-migration.ts).
  statisticsCountsMigration,
  // 10: the durable outbox (docs/delivery.md, "Outbox"). A lane is one conversation: its lease, its pause (429,
  // backoff) and its send log (the per-conversation limits); the tenant budgets hold the per-tenant send log.
  // Entries are ordered by seq within their lane; (lane, slot) is where coalescing replaces a pending entry.
  // The partial index holds lanes with pending entries only, so claiming is a range scan over ready lanes.
  `
  CREATE TABLE outbox_lanes (
    lane TEXT PRIMARY KEY,
    tenant_id TEXT NOT NULL,
    ready_at INTEGER,
    paused_until INTEGER NOT NULL DEFAULT 0,
    lease_token TEXT,
    lease_owner TEXT,
    lease_until INTEGER,
    send_log TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(send_log)),
    CHECK ((lease_token IS NULL) = (lease_until IS NULL))
  ) STRICT, WITHOUT ROWID;
  CREATE INDEX outbox_lanes_ready ON outbox_lanes (ready_at) WHERE ready_at IS NOT NULL;

  CREATE TABLE outbox_entries (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    lane TEXT NOT NULL,
    slot TEXT NOT NULL,
    revision INTEGER NOT NULL CHECK (revision >= 1),
    attempts INTEGER NOT NULL CHECK (attempts >= 0),
    enqueued_at TEXT NOT NULL,
    case_id TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body)),
    UNIQUE (lane, slot)
  ) STRICT;
  CREATE INDEX outbox_entries_in_lane ON outbox_entries (lane, seq);
  CREATE INDEX outbox_entries_by_case ON outbox_entries (case_id);

  CREATE TABLE outbox_tenant_budgets (
    tenant_id TEXT PRIMARY KEY,
    send_log TEXT NOT NULL CHECK (json_valid(send_log))
  ) STRICT, WITHOUT ROWID;
  `,
  // 11: delivery records become a rowid table, same columns, constraints and indexes. A WITHOUT ROWID table keeps
  // each whole row (its JSON body included) in the B-tree of its text key, so inserts landed at random places
  // among rows of about 0.5 KB and split pages, and a lookup by key walked a tree of whole rows. Now a row is
  // appended in insert order and only its key goes into the key's index. Measured in the burst benchmark, where
  // the drainer reads and writes one record per card: a lookup by key 35–42 → 13 µs, an insert 71–93 → 56 µs.
  // (The same change for reminders measured 45 → 42 µs an insert, and was not made.)
  `
  CREATE TABLE deliveries_by_rowid (
    key TEXT NOT NULL PRIMARY KEY,
    case_id TEXT NOT NULL,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    body TEXT NOT NULL CHECK (json_valid(body))
  ) STRICT;
  INSERT INTO deliveries_by_rowid (key, case_id, status, created_at, body)
    SELECT key, case_id, status, created_at, body FROM deliveries ORDER BY created_at, key;
  DROP TABLE deliveries;
  ALTER TABLE deliveries_by_rowid RENAME TO deliveries;
  CREATE INDEX deliveries_by_case ON deliveries (case_id, created_at, key);
  CREATE INDEX deliveries_undelivered ON deliveries (created_at, key) WHERE status <> 'delivered';
  `,
  // 12: cases whose reminders, and cases whose first messages, are still to be planned (created with
  // \`reminders: 'later'\` / \`firstMessages: 'later'\`), written with the case and deleted when they are planned.
  // Listing them oldest first reads an index from migration 13 on.
  `
  CREATE TABLE reminders_to_plan (
    case_id TEXT NOT NULL PRIMARY KEY,
    since TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  CREATE TABLE first_messages_to_plan (
    case_id TEXT NOT NULL PRIMARY KEY,
    since TEXT NOT NULL
  ) STRICT, WITHOUT ROWID;
  `,
  // 13: the lists of migration 12 in the order they are read. During a burst the follow-up planner takes a few
  // cases a second while hundreds arrive, so a list held thousands of cases, and each read scanned and sorted all
  // of them (about 2 ms at 9,000, eight times a second for each list, on the thread that answers requests).
  `
  CREATE INDEX reminders_to_plan_oldest ON reminders_to_plan (since, case_id);
  CREATE INDEX first_messages_to_plan_oldest ON first_messages_to_plan (since, case_id);
  `,
];

/**
 * Brings the schema up to date, one migration per immediate transaction. The version is read inside the
 * write lock, so two processes opening the same new file do not both run a migration.
 * Refuses a database written by a newer build rather than guessing at its schema.
 */
export function applyMigrations(db: Database, file: string): void {
  const step = db.transaction((): boolean => {
    const version = userVersion(db, file);
    if (version > migrations.length) {
      throw new Error(
        `${file}: database schema version is ${version} but this build knows versions up to ${migrations.length}; run a newer build or restore a backup`,
      );
    }
    const next = migrations[version];
    if (next === undefined) return false;
    db.exec(next);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  let applied = true;
  while (applied) applied = step.immediate();
}

function userVersion(db: Database, file: string): number {
  const version: unknown = db.pragma('user_version', { simple: true });
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 0) {
    throw new Error(`${file}: expected PRAGMA user_version to be a non-negative integer, found ${String(version)}`);
  }
  return version;
}
