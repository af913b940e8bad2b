import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrations } from '../../src/adapters/store/sqlite/migrations';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { statisticsColumnsOf, statisticsParameters, statisticsSql, type StatisticsQueryName } from '../../src/adapters/store/sqlite/sqlite-statistics';
import type { Case } from '../../src/domain/case/case';
import { expectedStatisticsFacts, sortedFacts, statisticsCases, statisticsFactsQuery } from '../support/statistics-cases';
import { stockholmTime } from '../support/fixed-clock';

// What only the SQLite store promises for statistics on top of the contract: each aggregate reads a daily counts
// table or a covering index range (bench/statistics.ts measures the speed), and migration 9 counts the rows
// stored before it.
describe('SqliteCaseStore statistics queries', () => {
  let dir: string;
  let file: string;
  const opened: { close(): unknown }[] = [];

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'sst-bridge-sqlite-statistics-'));
    file = join(dir, 'cases.db');
  });
  afterEach(async () => {
    for (const handle of opened.splice(0)) await handle.close();
    await rm(dir, { recursive: true, force: true });
  });
  const raw = (): Database.Database => {
    const db = new Database(file);
    opened.push(db);
    return db;
  };

  // SEARCH … USING PRIMARY KEY / COVERING INDEX reads one range per district or unit and never a case body.
  const plans: Record<StatisticsQueryName, RegExp[]> = {
    reports: [/^SEARCH statistics_reports_daily USING PRIMARY KEY \(district_code=\? AND reported_on>\? AND reported_on<\?\)$/],
    taken: [/^SEARCH statistics_taken_daily USING PRIMARY KEY \(district_code=\? AND taken_on>\? AND taken_on<\?\)$/],
    handoverAcknowledgements: [/^SEARCH case_statistics USING COVERING INDEX statistics_by_handover \(handover_unit_id=\? AND handed_over_on>\? AND handed_over_on<\?\)$/],
    handoverOutcomes: [/^SEARCH case_statistics USING COVERING INDEX statistics_by_handover \(handover_unit_id=\? AND handed_over_on>\? AND handed_over_on<\?\)$/],
    closed: [/^SEARCH statistics_closed_daily USING PRIMARY KEY \(district_code=\? AND closed_on>\? AND closed_on<\?\)$/],
    open: [
      /^SEARCH statistics_still_open_daily USING PRIMARY KEY \(district_code=\? AND reported_on<\?\)$/,
      /^SEARCH case_statistics USING COVERING INDEX statistics_closed_after \(district_code=\? AND closed_on>\?\)$/,
    ],
    attendance: [/^SEARCH case_statistics USING COVERING INDEX statistics_attendance \(district_code=\? AND reported_on>\? AND reported_on<\?\)$/],
  };
  const params = { from: '2026-08-19', to: '2027-06-10', openOn: '2027-06-10', districts: '["FAR","SOD"]', units: '["FAR-INV"]' };

  it.each(Object.keys(plans) as StatisticsQueryName[])('answers %s from its counts table or covering index', (name) => {
    SqliteCaseStore.open(file, stockholmTime).close();
    const wanted = Object.fromEntries(statisticsParameters[name].map((k) => [k, params[k]]));
    const steps = raw()
      .prepare(`EXPLAIN QUERY PLAN ${statisticsSql[name]}`)
      .all(wanted)
      .map((row) => (row as { detail: string }).detail);
    const reads = steps.filter((s) => /^(SEARCH|SCAN) (statistics_|case_statistics)/.test(s));
    expect(reads).toHaveLength(plans[name].length);
    plans[name].forEach((plan, i) => expect(reads[i]).toMatch(plan));
  });

  it('counts the statistics rows stored before migration 9', async () => {
    const v8 = raw();
    for (const migration of migrations.slice(0, 8)) v8.exec(migration);
    v8.pragma('user_version = 8');
    const upsert = v8.prepare(statisticsSql.upsertRow);
    statisticsCases().forEach((c, i) => {
      const stored: Case = { ...c, reference: `FAR-2026-${String(i + 1).padStart(4, '0')}`, version: 1 };
      upsert.run(statisticsColumnsOf(stored, stockholmTime));
    });
    v8.close();

    const store = SqliteCaseStore.open(file, stockholmTime);
    opened.push(store);
    expect(sortedFacts(await store.statisticsFacts(statisticsFactsQuery))).toEqual(sortedFacts(expectedStatisticsFacts));
  });
});
