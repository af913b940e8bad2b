import type { CalendarDate } from '../calendar/calendar-date';
import type { CaseOutcome } from '../case/case';
import type { HandoverOutcome } from '../handover/handover';
import type { SupportLevel } from '../report/support-level';

/**
 * Anonymous statistics over cases (issue #16): what managers and the city's evaluation see. Every figure is a
 * `Figure`: either shown, or suppressed because it would count or rest on fewer than `smallestShownCell` cases,
 * as Swedish official statistics suppress small cells. Nothing here names a case, a reference or a person.
 */

/** Counts under this are shown as "fewer than 5"; no share, median or chart point rests on fewer cases. */
export const smallestShownCell = 5;

/**
 * One figure of the report. `value` is a count, a percentage (0–100, whole numbers), or a number of school or
 * working days, as the field's name says. A suppressed figure carries no value at all, so that no view, chart
 * or export can show it by mistake.
 */
export type Figure = { shown: true; value: number } | { shown: false };

/** A calendar month `YYYY-MM`. */
export type CalendarMonth = string;

/** What a statistics request covers: dates inclusive, and the districts in scope (already narrowed by access). */
export interface StatisticsQuery {
  from: CalendarDate;
  to: CalendarDate;
  /** District codes whose cases count (the school's district for the SST side, the unit's for handovers). */
  districtCodes: readonly string[];
}

/** Referrals received in one month (or one district), by suggested or current support level. */
export interface ReportCounts {
  total: Figure;
  bySupportLevel: Readonly<Record<SupportLevel, Figure>>;
  /** Referrals where the reporter also made a report of concern (suspected harm). */
  suspectedHarm: Figure;
  /** Anonymous questions to the team (case kind `consultation`). */
  consultations: Figure;
}

/** Open cases by how long they have been open, in school days. */
export const openAgeBands = ['0-5', '6-20', '21-60', '61+'] as const;
export type OpenAgeBand = (typeof openAgeBands)[number];

export interface StatisticsReport {
  query: StatisticsQuery;
  /** Every month from `query.from` to `query.to`, oldest first. */
  reportsByMonth: ReadonlyArray<{ month: CalendarMonth } & ReportCounts>;
  /** Every district in `query.districtCodes`, in that order. */
  reportsByDistrict: ReadonlyArray<{ districtCode: string } & ReportCounts>;
  /** From report to taken by a team member, over referrals taken in the period. */
  timeToTake: {
    cases: Figure;
    medianSchoolDays: Figure;
    p90SchoolDays: Figure;
    /** Percentage taken within the district's `unassigned.remindAfterSchoolDays`. */
    withinLimitPercent: Figure;
  };
  /** Handovers to investigation units made in the period. */
  handovers: {
    count: Figure;
    /** Percentage of urgent handovers acknowledged the same working day. */
    urgentAcknowledgedSameDayPercent: Figure;
    /** Percentage of other handovers acknowledged within the district's `handover.remindAfterWorkingDays`. */
    acknowledgedWithinLimitPercent: Figure;
    /** Percentage with an initial-assessment outcome recorded within the 14-day ceiling. */
    outcomeWithin14DaysPercent: Figure;
    outcomes: ReadonlyArray<{ outcome: HandoverOutcome; count: Figure }>;
  };
  /** Cases closed in the period, by outcome (every outcome listed, in `caseOutcomes` order). */
  closedByOutcome: ReadonlyArray<{ outcome: CaseOutcome; count: Figure }>;
  /** Cases open on `query.to`, by age band (every band listed). */
  openByAge: ReadonlyArray<{ band: OpenAgeBand; count: Figure }>;
  /** Cases with at least one follow-up check-in: change in total absence from the report to the latest check-in. */
  attendance: ReadonlyArray<{
    supportLevel: SupportLevel;
    cases: Figure;
    /** Median change in percentage points (negative: less absence). */
    medianChangePoints: Figure;
    /** Percentage whose total absence fell by at least ten percentage points. */
    improvedBy10PointsPercent: Figure;
  }>;
}
