import type { Database, Statement } from 'better-sqlite3';
import { z } from 'zod';
import type { StockholmTime } from '../../../app/ports/clock';
import type { Case } from '../../../domain/case/case';
import { caseOutcomes } from '../../../domain/case/case';
import { handoverOutcomes } from '../../../domain/handover/handover';
import { supportLevels } from '../../../domain/report/support-level';
import { statisticsRowOf } from '../../../domain/statistics/case-statistics-row';
import type { StatisticsFacts, StatisticsFactsQuery } from '../../../domain/statistics/statistics-facts';

/**
 * The statistics side of the SQLite store: each case's statistics row in `case_statistics` (migration 8),
 * written in the case's own transaction with the daily counts its triggers keep (migration 9,
 * ./statistics-counts-migration.ts), and the GROUP BY queries behind `statisticsFacts`. District and unit lists
 * travel as one JSON array parameter (`IN (SELECT value FROM json_each(?))`).
 */
const inDistricts = 'district_code IN (SELECT value FROM json_each(@districts))';
const counted = "state <> 'merged'";

export const statisticsSql = {
  upsertRow: `INSERT INTO case_statistics (case_id, kind, state, district_code, support_level, suspected_harm, reported_on, taken_on,
      closed_on, outcome, handover_unit_id, handover_urgent, handed_over_on, handover_arrived_on, handover_arrived_time,
      acknowledged_on, acknowledged_time, handover_outcome, handover_outcome_days, attendance_change_points)
    VALUES (@caseId, @kind, @state, @districtCode, @supportLevel, @suspectedHarm, @reportedOn, @takenOn, @closedOn, @outcome,
      @handoverUnitId, @handoverUrgent, @handedOverOn, @handoverArrivedOn, @handoverArrivedTime, @acknowledgedOn,
      @acknowledgedTime, @handoverOutcome, @handoverOutcomeDays, @attendanceChangePoints)
    ON CONFLICT (case_id) DO UPDATE SET kind = excluded.kind, state = excluded.state, district_code = excluded.district_code,
      support_level = excluded.support_level, suspected_harm = excluded.suspected_harm, reported_on = excluded.reported_on,
      taken_on = excluded.taken_on, closed_on = excluded.closed_on, outcome = excluded.outcome,
      handover_unit_id = excluded.handover_unit_id, handover_urgent = excluded.handover_urgent,
      handed_over_on = excluded.handed_over_on, handover_arrived_on = excluded.handover_arrived_on,
      handover_arrived_time = excluded.handover_arrived_time, acknowledged_on = excluded.acknowledged_on,
      acknowledged_time = excluded.acknowledged_time, handover_outcome = excluded.handover_outcome,
      handover_outcome_days = excluded.handover_outcome_days, attendance_change_points = excluded.attendance_change_points`,
  casesWithoutRow: 'SELECT c.id, c.body FROM cases AS c WHERE NOT EXISTS (SELECT 1 FROM case_statistics AS s WHERE s.case_id = c.id)',
  // The daily counts of migration 9 (./statistics-counts-migration.ts) already leave merged cases out.
  reports: `SELECT substr(reported_on, 1, 7) AS month, district_code, kind, nullif(support_level, '') AS support_level, suspected_harm,
      sum(n) AS n
    FROM statistics_reports_daily WHERE ${inDistricts} AND reported_on BETWEEN @from AND @to AND kind IN ('referral', 'consultation')
    GROUP BY district_code, month, kind, support_level, suspected_harm`,
  taken: `SELECT district_code, reported_on, taken_on, n
    FROM statistics_taken_daily WHERE ${inDistricts} AND taken_on BETWEEN @from AND @to`,
  handoverAcknowledgements: `SELECT handover_unit_id, handover_urgent, handover_arrived_on,
      CASE WHEN handover_urgent = 1 THEN handover_arrived_time END AS arrived_time, acknowledged_on,
      CASE WHEN handover_urgent = 1 THEN acknowledged_time END AS ack_time, count(*) AS n
    FROM case_statistics WHERE handover_unit_id IN (SELECT value FROM json_each(@units)) AND handed_over_on BETWEEN @from AND @to
      AND handover_unit_id IS NOT NULL
    GROUP BY handover_unit_id, handover_urgent, handover_arrived_on, arrived_time, acknowledged_on, ack_time`,
  handoverOutcomes: `SELECT handover_outcome, handover_outcome_days, count(*) AS n
    FROM case_statistics WHERE handover_unit_id IN (SELECT value FROM json_each(@units)) AND handed_over_on BETWEEN @from AND @to
      AND handover_unit_id IS NOT NULL
    GROUP BY handover_outcome, handover_outcome_days`,
  closed: `SELECT nullif(outcome, '') AS outcome, sum(n) AS n
    FROM statistics_closed_daily WHERE ${inDistricts} AND closed_on BETWEEN @from AND @to
    GROUP BY outcome`,
  // Open on @openOn: still open now, or closed after @openOn (a range of statistics_closed_after that is empty when
  // @openOn is today), summed by report date.
  open: `SELECT reported_on, sum(n) AS n FROM (
      SELECT reported_on, n FROM statistics_still_open_daily WHERE ${inDistricts} AND reported_on <= @openOn
      UNION ALL
      SELECT reported_on, 1 AS n FROM case_statistics
        WHERE ${inDistricts} AND closed_on > @openOn AND closed_on IS NOT NULL AND reported_on <= @openOn AND kind = 'referral' AND ${counted})
    GROUP BY reported_on`,
  attendance: `SELECT support_level, attendance_change_points, count(*) AS n
    FROM case_statistics WHERE ${inDistricts} AND reported_on BETWEEN @from AND @to AND attendance_change_points IS NOT NULL
      AND kind = 'referral' AND ${counted}
    GROUP BY support_level, attendance_change_points`,
} as const;

export type StatisticsQueryName = Exclude<keyof typeof statisticsSql, 'upsertRow' | 'casesWithoutRow'>;

/** The statistics row of `c`, dated in Stockholm by `stockholm`, as named parameters of `upsertRow`. */
export function statisticsColumnsOf(c: Case, stockholm: StockholmTime) {
  const row = statisticsRowOf(c, (instant) => stockholm.toLocal(instant));
  const flag = (b: boolean | null): number | null => (b === null ? null : b ? 1 : 0);
  return { caseId: c.id, ...row, suspectedHarm: flag(row.suspectedHarm), handoverUrgent: flag(row.handoverUrgent) };
}

const n = z.number().int().nonnegative();
const date = z.string();
const rowSchemas = {
  reports: z.object({
    month: z.string(),
    district_code: z.string(),
    kind: z.enum(['referral', 'consultation']),
    support_level: z.enum(supportLevels).nullable(),
    suspected_harm: z.number(),
    n,
  }),
  taken: z.object({ district_code: z.string(), reported_on: date, taken_on: date, n }),
  handoverAcknowledgements: z.object({
    handover_unit_id: z.string(),
    handover_urgent: z.number(),
    handover_arrived_on: date,
    arrived_time: z.string().nullable(),
    acknowledged_on: date.nullable(),
    ack_time: z.string().nullable(),
    n,
  }),
  handoverOutcomes: z.object({ handover_outcome: z.enum(handoverOutcomes).nullable(), handover_outcome_days: z.number().int().nullable(), n }),
  closed: z.object({ outcome: z.enum(caseOutcomes).nullable(), n }),
  open: z.object({ reported_on: date, n }),
  attendance: z.object({ support_level: z.enum(supportLevels).nullable(), attendance_change_points: z.number().int(), n }),
};

/** Runs the statistics queries of one request; every count comes from SQLite's GROUP BY. */
export class SqliteStatistics {
  private readonly statements: Record<StatisticsQueryName, Statement>;

  constructor(db: Database) {
    const prepare = (name: StatisticsQueryName): Statement => db.prepare(statisticsSql[name]);
    this.statements = {
      reports: prepare('reports'),
      taken: prepare('taken'),
      handoverAcknowledgements: prepare('handoverAcknowledgements'),
      handoverOutcomes: prepare('handoverOutcomes'),
      closed: prepare('closed'),
      open: prepare('open'),
      attendance: prepare('attendance'),
    };
  }

  facts(q: StatisticsFactsQuery): StatisticsFacts {
    const params = { from: q.from, to: q.to, openOn: q.openOn, districts: JSON.stringify(q.districtCodes), units: JSON.stringify(q.unitIds) };
    const run = <T>(name: StatisticsQueryName, schema: z.ZodType<T>): T[] => {
      const statement = this.statements[name];
      const wanted = statisticsParameters[name];
      return z.array(schema).parse(statement.all(Object.fromEntries(wanted.map((k) => [k, params[k]]))));
    };
    return {
      reports: run('reports', rowSchemas.reports).map((r) => ({
        month: r.month,
        districtCode: r.district_code,
        kind: r.kind,
        supportLevel: r.support_level,
        suspectedHarm: r.suspected_harm === 1,
        count: r.n,
      })),
      taken: run('taken', rowSchemas.taken).map((r) => ({ districtCode: r.district_code, reportedOn: r.reported_on, takenOn: r.taken_on, count: r.n })),
      handoverAcknowledgements: run('handoverAcknowledgements', rowSchemas.handoverAcknowledgements).map((r) => ({
        unitId: r.handover_unit_id,
        urgent: r.handover_urgent === 1,
        arrivedOn: r.handover_arrived_on,
        arrivedTime: r.arrived_time,
        acknowledgedOn: r.acknowledged_on,
        acknowledgedTime: r.ack_time,
        count: r.n,
      })),
      handoverOutcomes: run('handoverOutcomes', rowSchemas.handoverOutcomes).map((r) => ({
        outcome: r.handover_outcome,
        days: r.handover_outcome_days,
        count: r.n,
      })),
      closed: run('closed', rowSchemas.closed).map((r) => ({ outcome: r.outcome, count: r.n })),
      open: run('open', rowSchemas.open).map((r) => ({ reportedOn: r.reported_on, count: r.n })),
      attendance: run('attendance', rowSchemas.attendance).map((r) => ({
        supportLevel: r.support_level,
        changePoints: r.attendance_change_points,
        count: r.n,
      })),
    };
  }
}

type Param = 'from' | 'to' | 'openOn' | 'districts' | 'units';
/** better-sqlite3 refuses named parameters a statement does not use, so each gets only its own. */
export const statisticsParameters: Readonly<Record<StatisticsQueryName, readonly Param[]>> = {
  reports: ['districts', 'from', 'to'],
  taken: ['districts', 'from', 'to'],
  handoverAcknowledgements: ['units', 'from', 'to'],
  handoverOutcomes: ['units', 'from', 'to'],
  closed: ['districts', 'from', 'to'],
  open: ['districts', 'openOn'],
  attendance: ['districts', 'from', 'to'],
};
