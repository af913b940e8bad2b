import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case/case';
import { migrations } from '../../src/adapters/store/sqlite/migrations';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { sql, type StatementName } from '../../src/adapters/store/sqlite/sqlite-statements';
import { aNewCase } from '../support/a-new-case';
import { stockholmTime } from '../support/fixed-clock';

// What only the SQLite store promises on top of the contract: index-backed queues, ties in insert order,
// and migration 3 filling the new columns of cases stored before it.
describe('SqliteCaseStore queues and deliveries', () => {
  let dir: string;
  let file: string;
  const opened: { close(): unknown }[] = [];
  const open = (): SqliteCaseStore => {
    const store = SqliteCaseStore.open(file, stockholmTime);
    opened.push(store);
    return store;
  };
  const raw = (): Database.Database => {
    const db = new Database(file);
    opened.push(db);
    return db;
  };

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-sqlite-queues-'));
    file = join(dir, 'cases.db');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await rm(dir, { recursive: true, force: true });
  });

  // SEARCH … USING INDEX is a range scan of the index; a TEMP B-TREE would mean sorting every match first.
  const plans: { statement: StatementName; params: unknown[]; plan: RegExp }[] = [
    { statement: 'openCasesByTeam', params: ['FAR-SST-1', 10], plan: /^SEARCH cases USING INDEX cases_open_by_team \(sst_team_id=\?\)$/ },
    {
      statement: 'openCasesByFallbackDistrict',
      params: ['NIN', 10],
      plan: /^SEARCH cases USING INDEX cases_open_by_fallback_district \(fallback_district_code=\?\)$/,
    },
    { statement: 'openCasesAtSchool', params: ['far-skolan-a', 10], plan: /^SEARCH cases USING INDEX cases_open_by_school \(school_id=\?\)$/ },
    { statement: 'openHandovers', params: ['FAR-INV', 10], plan: /^SEARCH cases USING INDEX cases_open_handover \(<expr>=\?\)$/ },
    { statement: 'deliveriesByCase', params: ['case-a'], plan: /^SEARCH deliveries USING (COVERING )?INDEX deliveries_by_case \(case_id=\?\)$/ },
    // The partial index holds undelivered rows only, in created_at order: reading it from the start is the range.
    { statement: 'undelivered', params: [10], plan: /^SCAN deliveries USING (COVERING )?INDEX deliveries_undelivered$/ },
    {
      statement: 'casesDueForErasure',
      // Every owner's parts have their own period (domain/retention), so ended cases are listed whoever owns the report.
      params: ['2026-01-01T00:00:00.000Z', 10],
      plan: /^SEARCH cases USING INDEX cases_ended_not_erased \(closed_at<\?\)$/,
    },
    // The due sweep: a range of the partial index of pending reminders, due_at <= now, already in due order.
    {
      statement: 'dueReminders',
      params: [{ now: '2026-11-25T08:00:00.000Z', limit: 50 }],
      plan: /^SEARCH reminders USING INDEX reminders_due \(due_at<\?\)$/,
    },
    { statement: 'remindersByCase', params: ['case-a'], plan: /^SEARCH reminders USING INDEX reminders_by_case \(case_id=\?\)$/ },
    // The lists of cases whose reminders or first messages are planned after the answer, longest waiting first.
    { statement: 'casesAwaitingReminders', params: [16], plan: /^SCAN reminders_to_plan USING COVERING INDEX reminders_to_plan_oldest$/ },
    { statement: 'casesAwaitingFirstMessages', params: [16], plan: /^SCAN first_messages_to_plan USING COVERING INDEX first_messages_to_plan_oldest$/ },
  ];

  it.each(plans)('answers $statement from its index, in index order, without sorting', ({ statement, params, plan }) => {
    open();
    const steps = raw()
      .prepare(`EXPLAIN QUERY PLAN ${sql[statement]}`)
      .all(...params)
      .map((row) => (row as { detail: string }).detail);
    expect(steps).toHaveLength(1);
    expect(steps[0]).toMatch(plan);
  });

  it('lists cases created at the same instant in the order they were stored', async () => {
    const store = open();
    const created: Case[] = [];
    for (let i = 0; i < 5; i += 1) created.push((await store.createCase(aNewCase({ schoolId: 'far-skolan-a' }), 2026)).case);
    const order = created.map((c) => c.id);
    expect((await store.listOpenCases({ teamId: 'FAR-SST-1' }, 10)).map((c) => c.id)).toEqual(order);
    expect((await store.listOpenCasesAtSchool('far-skolan-a', 10)).map((c) => c.id)).toEqual(order);
  });

  it('fills school, team and fallback district of cases stored before migration 3 from their body', async () => {
    const v2 = raw();
    for (const migration of migrations.slice(0, 2)) v2.exec(migration);
    v2.pragma('user_version = 2');
    const teamCase: Case = { ...aNewCase({ schoolId: 'far-skolan-a', state: 'assigned' }), reference: 'FAR-2026-0001', version: 3 };
    const base = aNewCase({ schoolId: 'far-skolan-b', createdAt: '2026-11-24T09:00:00.000Z' });
    const { sstTeamId: _team, ...routing } = base.routing;
    const fallbackCase: Case = { ...base, routing: { ...routing, fallbackDistrictCode: 'FAR' }, reference: 'FAR-2026-0002', version: 1 };
    const insert = v2.prepare(
      `INSERT INTO cases (id, reference, submission_key, tenant_id, reporter_id, created_at, school_district_code, state, version, body)
       VALUES (@id, @reference, @submissionKey, @tenantId, @reporterId, @createdAt, 'FAR', @state, @version, @body)`,
    );
    for (const c of [teamCase, fallbackCase]) insert.run({ ...c, body: JSON.stringify(c) });
    v2.close();

    const store = open();
    expect(await store.listOpenCases({ teamId: 'FAR-SST-1' }, 10)).toEqual([teamCase]);
    expect(await store.listOpenCases({ fallbackDistrictCode: 'FAR' }, 10)).toEqual([fallbackCase]);
    expect(await store.listOpenCasesAtSchool('far-skolan-a', 10)).toEqual([teamCase]);
    expect(await store.listOpenCasesAtSchool('far-skolan-b', 10)).toEqual([fallbackCase]);
    const columns = raw().prepare('SELECT id, school_id, sst_team_id, fallback_district_code FROM cases ORDER BY id').all();
    expect(columns).toEqual(
      [
        { id: teamCase.id, school_id: 'far-skolan-a', sst_team_id: 'FAR-SST-1', fallback_district_code: null },
        { id: fallbackCase.id, school_id: 'far-skolan-b', sst_team_id: null, fallback_district_code: 'FAR' },
      ].sort((a, b) => a.id.localeCompare(b.id)),
    );
  });
});
