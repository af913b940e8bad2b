import type { Database } from 'better-sqlite3';

/**
 * Every statement the SQLite store runs, by name. Exported so that tests can check query plans
 * (EXPLAIN QUERY PLAN) against the indexes the migrations create.
 */
export const sql = {
  caseById: 'SELECT id, body FROM cases WHERE id = ?',
  caseByReference: 'SELECT id, body FROM cases WHERE reference = ?',
  caseBySubmissionKey: 'SELECT id, body FROM cases WHERE submission_key = ?',
  caseExists: 'SELECT 1 AS found FROM cases WHERE id = ?',
  casesByReporter: 'SELECT id, body FROM cases WHERE tenant_id = ? AND reporter_id = ? ORDER BY created_at DESC, rowid DESC LIMIT ?',
  // The state terms repeat the WHERE of the partial indexes of migration 3 word for word: SQLite uses a
  // partial index only for a query that contains its WHERE term. rowid breaks created_at ties in insert order.
  openCasesByTeam: `SELECT id, body FROM cases WHERE sst_team_id = ? AND state IN ('new', 'assigned', 'handed_over')
    ORDER BY created_at, rowid LIMIT ?`,
  openCasesByFallbackDistrict: `SELECT id, body FROM cases WHERE fallback_district_code = ? AND state IN ('new', 'assigned', 'handed_over')
    ORDER BY created_at, rowid LIMIT ?`,
  openCasesAtSchool: `SELECT id, body FROM cases WHERE school_id = ? AND state NOT IN ('closed', 'merged')
    ORDER BY created_at, rowid LIMIT ?`,
  // Repeats the expressions and the WHERE of migration 4's partial index word for word.
  openHandovers: `SELECT id, body FROM cases
    WHERE json_extract(body, '$.handover.unitId') = ? AND json_extract(body, '$.handover.state') IN ('pending', 'acknowledged', 'outcome_reported')
    ORDER BY json_extract(body, '$.handover.handedOverAt'), rowid LIMIT ?`,
  nextSequence: `INSERT INTO sequences (district_code, year, last) VALUES (?, ?, 1)
    ON CONFLICT (district_code, year) DO UPDATE SET last = last + 1
    RETURNING last`,
  insertCase: `INSERT INTO cases (id, reference, submission_key, tenant_id, reporter_id, created_at, school_district_code, state, version,
      school_id, sst_team_id, fallback_district_code, owner_kind, closed_at, erased_at, body)
    VALUES (@id, @reference, @submissionKey, @tenantId, @reporterId, @createdAt, @schoolDistrictCode, @state, @version,
      @schoolId, @sstTeamId, @fallbackDistrictCode, @ownerKind, @closedAt, @erasedAt, @body)`,
  updateCase: `UPDATE cases SET reference = @reference, submission_key = @submissionKey, tenant_id = @tenantId,
      reporter_id = @reporterId, created_at = @createdAt, school_district_code = @schoolDistrictCode,
      state = @state, version = @version, school_id = @schoolId, sst_team_id = @sstTeamId,
      fallback_district_code = @fallbackDistrictCode, owner_kind = @ownerKind, closed_at = @closedAt,
      erased_at = @erasedAt, body = @body
    WHERE id = @id AND version = @expectedVersion`,
  // Repeats the WHERE of the partial index cases_due_for_erasure (migration 5).
  casesDueForErasure: `SELECT id, body FROM cases WHERE closed_at < ? AND state IN ('closed', 'merged') AND erased_at IS NULL
    ORDER BY closed_at, rowid LIMIT ?`,
  upsertAddress: `INSERT INTO addresses (key, address, updated_at) VALUES (@key, @address, @at)
    ON CONFLICT (key) DO UPDATE SET address = excluded.address, updated_at = excluded.updated_at`,
  addressByKey: 'SELECT address, updated_at FROM addresses WHERE key = ?',
  upsertDelivery: `INSERT INTO deliveries (key, case_id, status, created_at, body) VALUES (@key, @caseId, @status, @createdAt, @body)
    ON CONFLICT (key) DO UPDATE SET case_id = excluded.case_id, status = excluded.status,
      created_at = excluded.created_at, body = excluded.body`,
  deliveryByKey: 'SELECT key, body FROM deliveries WHERE key = ?',
  deliveriesByCase: 'SELECT key, body FROM deliveries WHERE case_id = ? ORDER BY created_at, key',
  // Repeats the WHERE of the partial index deliveries_undelivered (migration 3).
  undelivered: `SELECT key, body FROM deliveries WHERE status <> 'delivered' ORDER BY created_at, key LIMIT ?`,
  remindersByCase: 'SELECT id, body FROM reminders WHERE case_id = ? ORDER BY due_at, id',
  markRemindersToPlan: 'INSERT INTO reminders_to_plan (case_id, since) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING',
  remindersPlanned: 'DELETE FROM reminders_to_plan WHERE case_id = ?',
  casesAwaitingReminders: 'SELECT case_id FROM reminders_to_plan ORDER BY since, case_id LIMIT ?',
  markFirstMessagesToPlan: 'INSERT INTO first_messages_to_plan (case_id, since) VALUES (?, ?) ON CONFLICT (case_id) DO NOTHING',
  firstMessagesPlanned: 'DELETE FROM first_messages_to_plan WHERE case_id = ?',
  casesAwaitingFirstMessages: 'SELECT case_id FROM first_messages_to_plan ORDER BY since, case_id LIMIT ?',
  insertReminder: `INSERT INTO reminders (id, case_id, status, due_at, claim_token, claimed_until, body)
    VALUES (@id, @caseId, @status, @dueAt, NULL, NULL, @body)`,
  // Replans keep a live claim on a reminder that stays pending; resolving drops it.
  updatePendingReminder: `UPDATE reminders SET status = @status, due_at = @dueAt, body = @body,
      claim_token = CASE WHEN @status = 'pending' THEN claim_token END,
      claimed_until = CASE WHEN @status = 'pending' THEN claimed_until END
    WHERE id = @id AND status = 'pending'`,
  // Repeats the WHERE of the partial index reminders_due (migration 6): a range scan over due_at <= now.
  dueReminders: `SELECT id, body FROM reminders WHERE status = 'pending' AND due_at <= @now
      AND (claimed_until IS NULL OR claimed_until <= @now)
    ORDER BY due_at, id LIMIT @limit`,
  reminderById: 'SELECT id, body FROM reminders WHERE id = ?',
  snoozeReminder: `UPDATE reminders SET status = 'pending', due_at = @dueAt, claim_token = NULL, claimed_until = NULL, body = @body
    WHERE id = @id`,
  claimReminder: 'UPDATE reminders SET claim_token = @token, claimed_until = @until, body = @body WHERE id = @id',
  claimedReminder: `SELECT id, body FROM reminders WHERE id = ? AND status = 'pending' AND claim_token = ?`,
  settleReminder: `UPDATE reminders SET status = @status, due_at = @dueAt, claim_token = NULL, claimed_until = NULL, body = @body
    WHERE id = @id AND status = 'pending' AND claim_token = @token`,
  insertAudit: 'INSERT INTO audit (at, actor_id, action, case_id, detail) VALUES (@at, @actorId, @action, @caseId, @detail)',
  audit: `SELECT id, at, actor_id, action, case_id, detail FROM audit
    WHERE (@caseId IS NULL OR case_id = @caseId) AND (@from IS NULL OR at >= @from) AND (@to IS NULL OR at < @to)
    ORDER BY at, id`,
} as const;

export type StatementName = keyof typeof sql;

export function prepareStatements(db: Database) {
  const prepare = (name: StatementName) => db.prepare(sql[name]);
  return {
    caseById: prepare('caseById'),
    caseByReference: prepare('caseByReference'),
    caseBySubmissionKey: prepare('caseBySubmissionKey'),
    caseExists: prepare('caseExists'),
    casesByReporter: prepare('casesByReporter'),
    openCasesByTeam: prepare('openCasesByTeam'),
    openCasesByFallbackDistrict: prepare('openCasesByFallbackDistrict'),
    openCasesAtSchool: prepare('openCasesAtSchool'),
    openHandovers: prepare('openHandovers'),
    nextSequence: prepare('nextSequence'),
    insertCase: prepare('insertCase'),
    updateCase: prepare('updateCase'),
    casesDueForErasure: prepare('casesDueForErasure'),
    upsertAddress: prepare('upsertAddress'),
    addressByKey: prepare('addressByKey'),
    upsertDelivery: prepare('upsertDelivery'),
    deliveryByKey: prepare('deliveryByKey'),
    deliveriesByCase: prepare('deliveriesByCase'),
    undelivered: prepare('undelivered'),
    remindersByCase: prepare('remindersByCase'),
    markRemindersToPlan: prepare('markRemindersToPlan'),
    remindersPlanned: prepare('remindersPlanned'),
    casesAwaitingReminders: prepare('casesAwaitingReminders'),
    markFirstMessagesToPlan: prepare('markFirstMessagesToPlan'),
    firstMessagesPlanned: prepare('firstMessagesPlanned'),
    casesAwaitingFirstMessages: prepare('casesAwaitingFirstMessages'),
    insertReminder: prepare('insertReminder'),
    updatePendingReminder: prepare('updatePendingReminder'),
    dueReminders: prepare('dueReminders'),
    reminderById: prepare('reminderById'),
    snoozeReminder: prepare('snoozeReminder'),
    claimReminder: prepare('claimReminder'),
    claimedReminder: prepare('claimedReminder'),
    settleReminder: prepare('settleReminder'),
    insertAudit: prepare('insertAudit'),
    audit: prepare('audit'),
  };
}

export type Statements = ReturnType<typeof prepareStatements>;
