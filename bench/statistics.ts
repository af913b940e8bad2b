/**
 * Statistics on a large SQLite store: 100,000 cases over the 2026/27 school year in every district (referrals
 * taken, some closed, handed over and followed up), and the report for one district and for the whole city over
 * the school year, as the statistics card gets it: `viewStatistics` for the evaluation staff (access, period, the
 * store's aggregates, the domain's figures, the audit entry) and the rendered card. Prints the plan of every
 * statistics query. Target: p95 ≤ 200 ms. `npm run bench -- statistics` runs it alone.
 */
import { performance } from 'node:perf_hooks';
import Database from 'better-sqlite3';
import { buildCalendarRules } from '../src/adapters/calendar/build-calendar-rules';
import { SystemClock } from '../src/adapters/clock/system-clock';
import { SqliteCaseStore } from '../src/adapters/store/sqlite/sqlite-case-store';
import { sql } from '../src/adapters/store/sqlite/sqlite-statements';
import { statisticsColumnsOf, statisticsParameters, statisticsSql, type StatisticsQueryName } from '../src/adapters/store/sqlite/sqlite-statistics';
import { statisticsFor } from '../src/app/compute-statistics';
import { viewStatistics } from '../src/app/view-statistics';
import { renderStatisticsCard } from '../src/adapters/teams/cards/render';
import { loadDirectoryFile } from '../src/config/directory';
import { addCalendarDays } from '../src/domain/calendar/calendar-date';
import type { Case } from '../src/domain/case/case';
import { caseOutcomes } from '../src/domain/case/case';
import { supportLevels } from '../src/domain/report/support-level';
import { periodFor, type StatisticsPeriodChoice } from '../src/domain/statistics/statistics-period';
import type { StatisticsQuery } from '../src/domain/statistics/statistics-report';
import { fillInBulk, onFilledStore, type FilledStore } from './prefill';
import { summarize } from './stats';
import { latencyRow, verdictOf, type SectionResult } from './table';

const totalCases = 100_000;
const runs = 30;
/**
 * Each timed series stops after this much time once it has `minRuns` samples, so that a slower machine takes
 * fewer samples (the table's load column says how many) instead of minutes more.
 */
const seriesBudgetMs = 5_000;
const minRuns = 5;

/** Whether a series begun at `begin` with `done` samples should take another. */
const another = (done: number, begin: number): boolean => done < runs && (done < minRuns || performance.now() - begin < seriesBudgetMs);
const targetMs = 200;
const schoolYear = { from: '2026-08-19', to: '2027-06-10' };

const directory = loadDirectoryFile(new URL('../directory/stockholm.sample.yaml', import.meta.url).pathname);
const rules = buildCalendarRules(directory.calendar);
const clock = new SystemClock(() => Date.parse('2027-06-20T10:00:00.000Z'));
/** The city's evaluation staff: every district, with the district filter (directory `evaluators`). */
const evaluator = { tenantId: 'tenant-1', userId: directory.evaluators?.[0]?.id ?? 'no-evaluator', locale: 'sv-SE' };

/** Deterministic pseudo-random numbers, so that every run measures the same data. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

function aCase(i: number, random: () => number): Case {
  const district = directory.districts[i % directory.districts.length];
  const code = district?.code ?? 'FAR';
  const unit = directory.investigationUnits.find((u) => u.districtCode === code)?.id ?? 'FAR-INV';
  const reportedOn = addCalendarDays(schoolYear.from, Math.floor(random() * 290));
  const at = (date: string, hour: number): string => `${date}T${String(hour).padStart(2, '0')}:00:00.000Z`;
  const createdAt = at(reportedOn, 7 + Math.floor(random() * 8));
  const takenOn = addCalendarDays(reportedOn, Math.floor(random() * 6));
  const taken = random() < 0.85;
  const closed = taken && random() < 0.5;
  const handedOver = taken && random() < 0.15;
  const urgent = handedOver && random() < 0.2;
  const handedOverOn = addCalendarDays(takenOn, 1);
  const consultation = random() < 0.05;
  const c: Case = {
    id: `stats-${i}`,
    reference: `${code}-2026-${String(i + 1).padStart(6, '0')}`,
    kind: consultation ? 'consultation' : 'referral',
    state: closed ? 'closed' : handedOver ? 'handed_over' : taken ? 'assigned' : 'new',
    version: 1,
    tenantId: 'tenant-1',
    reporterId: `teacher-${i % 500}`,
    reporterRole: 'teacher',
    submissionKey: `tenant-1:teacher:form-${i}`,
    createdAt,
    schoolId: 'school',
    routing: { schoolDistrictCode: code, homeDistrictCode: code, investigationUnitId: unit, urgent, flags: [], reasons: [] },
    ...(consultation ? {} : { supportLevel: supportLevels[Math.floor(random() * 3)] ?? 'sst' }),
    owner: { kind: 'education_committee' },
    concerns: [],
    suspectedHarm: urgent,
    text: '',
    history: [{ at: createdAt, by: 'teacher', type: 'submitted' }, ...(taken ? [{ at: at(takenOn, 9), by: 'sst', type: 'taken' as const }] : [])],
  };
  if (consultation) return c;
  if (taken && random() < 0.4) {
    c.absence = { from: reportedOn, to: reportedOn, totalPercent: 30, unexcusedPercent: 10, longestRunDays: 3, patterns: [] };
    c.attendance = [{ on: addCalendarDays(takenOn, 20), totalPercent: Math.floor(random() * 50), unexcusedPercent: 0, by: 'teacher' }];
  }
  if (closed) Object.assign(c, { outcome: caseOutcomes[Math.floor(random() * caseOutcomes.length)], closedAt: at(addCalendarDays(takenOn, 10 + Math.floor(random() * 60)), 10) });
  if (handedOver) {
    const acknowledged = random() < 0.9;
    c.handover = {
      state: acknowledged ? 'acknowledged' : 'pending',
      unitId: unit,
      urgent,
      summary: '',
      legalGround: 'consent',
      handedOverBy: 'sst',
      handedOverAt: at(handedOverOn, 9 + Math.floor(random() * 10)),
      receivedOn: handedOverOn,
      forwards: [],
      inputRequests: [],
      ...(acknowledged ? { acknowledgement: { responsibleId: 'inv', recordedBy: 'inv', at: at(addCalendarDays(handedOverOn, Math.floor(random() * 4)), 12) } } : {}),
      ...(random() < 0.6 ? { outcome: { outcome: 'not_opened' as const, by: 'inv', at: at(addCalendarDays(handedOverOn, 5 + Math.floor(random() * 15)), 12) } } : {}),
    };
  }
  return c;
}

/**
 * Creates the store at `file` and fills it: 100,000 cases over the school year with their statistics rows, then
 * ANALYZE. Returns how long the fill took (ms). `bench/fill.ts` runs it in a process of its own, beside the sweep's.
 */
export async function fillStatisticsStore(file: string): Promise<number> {
  await SqliteCaseStore.open(file, clock).close();
  const db = new Database(file);
  try {
    const insertCase = db.prepare(sql.insertCase);
    const insertRow = db.prepare(statisticsSql.upsertRow);
    const random = seeded(2026);
    const fillStarted = performance.now();
    fillInBulk(db, ['cases', 'case_statistics'], () => {
      for (let i = 0; i < totalCases; i += 1) {
        const c = aCase(i, random);
        insertCase.run({
          id: c.id, reference: c.reference, submissionKey: c.submissionKey, tenantId: c.tenantId, reporterId: c.reporterId, createdAt: c.createdAt,
          schoolDistrictCode: c.routing.schoolDistrictCode, state: c.state, version: 1, schoolId: c.schoolId, sstTeamId: null, fallbackDistrictCode: null,
          ownerKind: 'education_committee', closedAt: c.closedAt ?? null, erasedAt: null, body: JSON.stringify(c),
        });
        insertRow.run(statisticsColumnsOf(c, clock));
      }
    });
    db.exec('ANALYZE');
    return performance.now() - fillStarted;
  } finally {
    db.close();
  }
}

/** Measures on a store `fillStatisticsStore` filled (`filled`), or on one it fills first. */
export const measureStatistics = (filled?: FilledStore): Promise<SectionResult> => onFilledStore(filled, fillStatisticsStore, statisticsOn);

async function statisticsOn({ file, fillMs, fillNote }: FilledStore): Promise<SectionResult> {
  const db = new Database(file);
  const districts = directory.districts.map((d) => d.code);
  const units = directory.investigationUnits.map((u) => u.id);
  const plans = queryPlans(db, schoolYear, districts, units);
  db.close();

  const store = SqliteCaseStore.open(file, clock);
  const deps = {
    store,
    clock,
    directory: () => directory,
    statistics: { report: (query: StatisticsQuery) => statisticsFor({ store, clock, directory: () => directory, calendar: () => rules }, query) },
    resolvePeriod: (choice: StatisticsPeriodChoice, today: string) => periodFor(choice, rules, today),
  };
  const choice = { period: 'school_year' } as const;
  // What the card handler does once the form is sent: access, period, the store's aggregates, the figures, the
  // audit entry, and the card itself.
  const cardFor = async (districtCode: string | undefined): Promise<void> => {
    const result = await viewStatistics(deps, evaluator, districtCode === undefined ? { choice } : { choice, districtCode });
    if (!result.ok) throw new Error(`statistics refused: ${result.error.code}`);
    const { report, scope } = result.value;
    if (report.query.from !== schoolYear.from || report.query.to !== schoolYear.to) throw new Error(`unexpected period ${report.query.from}–${report.query.to}`);
    renderStatisticsCard({ lang: 'sv', directory, report, scope, choice, ...(districtCode === undefined ? {} : { districtCode }) });
  };
  const time = async (districtCode: string | undefined) => {
    await cardFor(districtCode);
    const times: number[] = [];
    const begin = performance.now();
    while (another(times.length, begin)) {
      const t = performance.now();
      await cardFor(districtCode);
      times.push(performance.now() - t);
    }
    return summarize(times, performance.now() - begin);
  };
  const one = await time('FAR');
  const city = await time(undefined);
  const factsTimes: number[] = [];
  const factsBegin = performance.now();
  while (another(factsTimes.length, factsBegin)) {
    const t = performance.now();
    await store.statisticsFacts({ ...schoolYear, openOn: schoolYear.to, districtCodes: districts, unitIds: units });
    factsTimes.push(performance.now() - t);
  }
  const facts = summarize(factsTimes, 1);
  await store.close();
  const load = (s: { count: number }) => `${totalCases.toLocaleString('en')} cases, school year 2026/27${s.count < runs ? `, ${s.count} of ${runs} runs in ${seriesBudgetMs / 1000} s` : ''}`;
  const target = `p95 ≤ ${targetMs} ms`;
  return {
    rows: [
      latencyRow('statistics card: one district (Farsta)', load(one), one, { target, verdict: verdictOf(one.p95 <= targetMs) }),
      latencyRow(`statistics card: whole city (${districts.length} districts, ${units.length} units)`, load(city), city, { target, verdict: verdictOf(city.p95 <= targetMs) }),
    ],
    notes: [
      `Statistics: the whole city's store aggregates alone (SQLite) take p50 ${facts.p50.toFixed(1)} ms, p95 ${facts.p95.toFixed(1)} ms; the rest is the domain's figures, the audit entry and the card.`,
      `Statistics: filled ${totalCases.toLocaleString('en')} cases with their statistics rows and daily counts in ${fillMs.toFixed(0)} ms${fillNote === undefined ? '' : ` (${fillNote})`}; up to ${runs} cards each (at least ${minRuns}, then as many as fit ${seriesBudgetMs / 1000} s).`,
      ...plans,
    ],
  };
}

/** Each statistics query's plan for one district, and its time for the whole city (p50 of 10 runs, in the notes). */
function queryPlans(db: Database.Database, period: { from: string; to: string }, districts: string[], units: string[]): string[] {
  const one = { ...period, openOn: period.to, districts: JSON.stringify(['FAR']), units: JSON.stringify(['FAR-INV']) };
  const all = { ...one, districts: JSON.stringify(districts), units: JSON.stringify(units) };
  return (Object.keys(statisticsParameters) as StatisticsQueryName[]).map((name) => {
    const only = (params: typeof one) => Object.fromEntries(statisticsParameters[name].map((k) => [k, params[k]]));
    const plan = db.prepare(`EXPLAIN QUERY PLAN ${statisticsSql[name]}`).all(only(one)) as { detail: string }[];
    const statement = db.prepare(statisticsSql[name]);
    const times = Array.from({ length: 10 }, () => {
      const t = performance.now();
      statement.all(only(all));
      return performance.now() - t;
    });
    const groups = statement.all(only(all)).length;
    return `Statistics query \`${name}\` (whole city p50 ${summarize(times, 1).p50.toFixed(1)} ms, ${groups} rows): ${plan.map((p) => p.detail).join(' | ')}`;
  });
}
