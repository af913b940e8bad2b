import type { CalendarDate } from '../calendar/calendar-date';
import type { ClockTime } from '../calendar/local-date-time';
import type { CaseOutcome } from '../case/case';
import type { HandoverOutcome } from '../handover/handover';
import type { SupportLevel } from '../report/support-level';
import type { CalendarMonth } from './statistics-report';

/**
 * What a store aggregates for one statistics request: counts grouped by codes and dates, never a case. The
 * store computes them over the statistics rows (./case-statistics-row.ts); the domain turns them into a report
 * (./compute-statistics-report.ts). Merged duplicates count nowhere: their case counts once, as the survivor.
 */
export interface StatisticsFactsQuery {
  /** Both inclusive, Stockholm dates. */
  from: CalendarDate;
  to: CalendarDate;
  /** Open cases are counted on this date (the period's end, or today when that is earlier). */
  openOn: CalendarDate;
  /** School districts whose referrals count (the SST side). */
  districtCodes: readonly string[];
  /** Investigation units whose handovers count (the units of those districts). */
  unitIds: readonly string[];
}

export interface StatisticsFacts {
  /** Referrals and consultations reported in the period, by month, district and codes. */
  reports: ReadonlyArray<{
    month: CalendarMonth;
    districtCode: string;
    kind: 'referral' | 'consultation';
    supportLevel: SupportLevel | null;
    suspectedHarm: boolean;
    count: number;
  }>;
  /** Referrals taken in the period: a histogram of (report date, taken date) per district. */
  taken: ReadonlyArray<{ districtCode: string; reportedOn: CalendarDate; takenOn: CalendarDate; count: number }>;
  /**
   * Handovers made in the period, by unit and (arrival date, acknowledgement date); the times of day only for
   * urgent handovers (same working day), null otherwise. `acknowledgedOn` null: not acknowledged.
   */
  handoverAcknowledgements: ReadonlyArray<{
    unitId: string;
    urgent: boolean;
    arrivedOn: CalendarDate;
    arrivedTime: ClockTime | null;
    acknowledgedOn: CalendarDate | null;
    acknowledgedTime: ClockTime | null;
    count: number;
  }>;
  /** The same handovers by outcome and calendar days from the assessment clock's start (null: no outcome yet). */
  handoverOutcomes: ReadonlyArray<{ outcome: HandoverOutcome | null; days: number | null; count: number }>;
  /** Referrals closed in the period, by outcome. */
  closed: ReadonlyArray<{ outcome: CaseOutcome | null; count: number }>;
  /** Referrals open on `openOn`, by report date. */
  open: ReadonlyArray<{ reportedOn: CalendarDate; count: number }>;
  /** Referrals reported in the period with a check-in, by support level and change in points. */
  attendance: ReadonlyArray<{ supportLevel: SupportLevel | null; changePoints: number; count: number }>;
}
