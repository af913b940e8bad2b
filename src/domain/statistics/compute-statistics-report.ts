import { addCalendarDays, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import { isSchoolDay } from '../calendar/school-days';
import { isWorkingDay } from '../calendar/working-days';
import { caseOutcomes } from '../case/case';
import { urgentAcknowledgementDeadline } from '../handover/deadlines';
import { handoverOutcomes } from '../handover/handover';
import { initialAssessmentDays } from '../handover/deadlines';
import { reminderSettingsFor, type ReminderConfig } from '../reminders/reminder-settings';
import { supportLevels } from '../report/support-level';
import { shownCount, shownPercent, shownQuantile } from './disclosure-control';
import type { StatisticsFacts } from './statistics-facts';
import { openAgeBands, type CalendarMonth, type OpenAgeBand, type ReportCounts, type StatisticsQuery, type StatisticsReport } from './statistics-report';

/** What the figures are measured against: the calendar, each district's limits, and where each unit belongs. */
export interface StatisticsContext {
  rules: CalendarRules;
  reminders: ReminderConfig;
  /** Investigation unit id → its district code (the district's handover limit applies). */
  unitDistricts: ReadonlyMap<string, string>;
  /** The date open cases are counted on (`StatisticsFactsQuery.openOn`). */
  openOn: CalendarDate;
}

/** The anonymous report for `query` from the store's aggregates, with disclosure control (./disclosure-control.ts). */
export function computeStatisticsReport(query: StatisticsQuery, facts: StatisticsFacts, context: StatisticsContext): StatisticsReport {
  const ctx = withDayCounts(facts, context);
  const inScope = new Set(query.districtCodes);
  const reports = facts.reports.filter((r) => inScope.has(r.districtCode));
  return {
    query,
    reportsByMonth: monthsBetween(query.from, query.to).map((month) => ({ month, ...reportCounts(reports.filter((r) => r.month === month)) })),
    reportsByDistrict: query.districtCodes.map((districtCode) => ({
      districtCode,
      ...reportCounts(reports.filter((r) => r.districtCode === districtCode)),
    })),
    timeToTake: timeToTake(facts.taken.filter((t) => inScope.has(t.districtCode)), ctx),
    handovers: handovers(facts, ctx),
    closedByOutcome: caseOutcomes.map((outcome) => ({ outcome, count: shownCount(sumOf(facts.closed.filter((c) => c.outcome === outcome))) })),
    openByAge: openByAge(facts.open, ctx),
    attendance: supportLevels.map((supportLevel) => {
      const rows = facts.attendance.filter((a) => a.supportLevel === supportLevel);
      const cases = sumOf(rows);
      const histogram = rows.map((r) => ({ value: r.changePoints, count: r.count }));
      return {
        supportLevel,
        cases: shownCount(cases),
        medianChangePoints: shownQuantile(histogram, 0.5),
        improvedBy10PointsPercent: shownPercent(sumOf(rows.filter((r) => r.changePoints <= -10)), cases),
      };
    }),
  };
}

const sumOf = (rows: ReadonlyArray<{ count: number }>): number => rows.reduce((sum, r) => sum + r.count, 0);

/** Every month `YYYY-MM` from the month of `from` to the month of `to`, oldest first. */
export function monthsBetween(from: CalendarDate, to: CalendarDate): CalendarMonth[] {
  const months: CalendarMonth[] = [];
  let [year, month] = [Number(from.slice(0, 4)), Number(from.slice(5, 7))];
  const last = to.slice(0, 7);
  for (let m = `${from.slice(0, 7)}`; m <= last; ) {
    months.push(m);
    [year, month] = month === 12 ? [year + 1, 1] : [year, month + 1];
    m = `${String(year).padStart(4, '0')}-${String(month).padStart(2, '0')}`;
  }
  return months;
}

function reportCounts(rows: StatisticsFacts['reports']): ReportCounts {
  const referrals = rows.filter((r) => r.kind === 'referral');
  return {
    total: shownCount(sumOf(referrals)),
    bySupportLevel: {
      school_internal: shownCount(sumOf(referrals.filter((r) => r.supportLevel === 'school_internal'))),
      sst: shownCount(sumOf(referrals.filter((r) => r.supportLevel === 'sst'))),
      intensive: shownCount(sumOf(referrals.filter((r) => r.supportLevel === 'intensive'))),
    },
    suspectedHarm: shownCount(sumOf(referrals.filter((r) => r.suspectedHarm))),
    consultations: shownCount(sumOf(rows.filter((r) => r.kind === 'consultation'))),
  };
}

/** The context with school- and working-day counters over every date the facts mention. */
interface CountingContext extends StatisticsContext {
  schoolDaysBetween: (a: CalendarDate, b: CalendarDate) => number;
  workingDaysBetween: (a: CalendarDate, b: CalendarDate) => number;
}

function withDayCounts(facts: StatisticsFacts, ctx: StatisticsContext): CountingContext {
  let first = ctx.openOn;
  let last = ctx.openOn;
  const span = (d: CalendarDate): void => {
    if (d < first) first = d;
    if (d > last) last = d;
  };
  for (const t of facts.taken) {
    span(t.reportedOn);
    span(t.takenOn);
  }
  for (const o of facts.open) span(o.reportedOn);
  for (const a of facts.handoverAcknowledgements) {
    span(a.arrivedOn);
    span(a.acknowledgedOn ?? a.arrivedOn);
  }
  return {
    ...ctx,
    schoolDaysBetween: dayCounter(first, last, (d) => isSchoolDay(d, ctx.rules)),
    workingDaysBetween: dayCounter(first, last, (d) => isWorkingDay(d, ctx.rules)),
  };
}

/**
 * The number of dates `d` with `a < d <= b` for which `counts` holds (negative when `b` is before `a`), as
 * `countDaysBetween` gives it, from running totals over `first`..`last`: one pass over the dates, not one per pair.
 */
function dayCounter(first: CalendarDate, last: CalendarDate, counts: (d: CalendarDate) => boolean): (a: CalendarDate, b: CalendarDate) => number {
  const running = new Map<CalendarDate, number>();
  let total = 0;
  for (let d = first; d <= last; d = addCalendarDays(d, 1)) {
    if (counts(d)) total += 1;
    running.set(d, total);
  }
  const at = (d: CalendarDate): number => {
    const n = running.get(d);
    if (n === undefined) throw new RangeError(`${d} lies outside ${first}–${last}`);
    return n;
  };
  return (a, b) => at(b) - at(a);
}

/** One histogram of school days to take, whatever the district: the store's rows are per district and date pair. */
function timeToTake(rows: StatisticsFacts['taken'], ctx: CountingContext): StatisticsReport['timeToTake'] {
  const limits = new Map<string, number>();
  const limitOf = (districtCode: string): number => {
    let limit = limits.get(districtCode);
    if (limit === undefined) {
      limit = reminderSettingsFor(ctx.reminders, districtCode).unassigned.remindAfterSchoolDays;
      limits.set(districtCode, limit);
    }
    return limit;
  };
  const bySchoolDays = new Map<number, number>();
  let cases = 0;
  let withinLimit = 0;
  for (const r of rows) {
    const schoolDays = ctx.schoolDaysBetween(r.reportedOn, r.takenOn);
    bySchoolDays.set(schoolDays, (bySchoolDays.get(schoolDays) ?? 0) + r.count);
    cases += r.count;
    if (schoolDays <= limitOf(r.districtCode)) withinLimit += r.count;
  }
  const histogram = [...bySchoolDays].map(([value, count]) => ({ value, count }));
  return {
    cases: shownCount(cases),
    medianSchoolDays: shownQuantile(histogram, 0.5),
    p90SchoolDays: shownQuantile(histogram, 0.9),
    withinLimitPercent: shownPercent(withinLimit, cases),
  };
}

function handovers(facts: StatisticsFacts, ctx: CountingContext): StatisticsReport['handovers'] {
  const acks = facts.handoverAcknowledgements;
  const urgent = acks.filter((a) => a.urgent);
  const other = acks.filter((a) => !a.urgent);
  const urgentInTime = urgent.filter((a) => {
    if (a.acknowledgedOn === null) return false;
    const due = urgentAcknowledgementDeadline({ date: a.arrivedOn, time: a.arrivedTime ?? ctx.rules.workingHours.start }, ctx.rules).due;
    return a.acknowledgedOn < due.date || (a.acknowledgedOn === due.date && (a.acknowledgedTime ?? '00:00') <= due.time);
  });
  const otherInTime = other.filter((a) => {
    if (a.acknowledgedOn === null) return false;
    const limit = reminderSettingsFor(ctx.reminders, ctx.unitDistricts.get(a.unitId)).handover.remindAfterWorkingDays;
    return ctx.workingDaysBetween(a.arrivedOn, a.acknowledgedOn) <= limit;
  });
  const count = sumOf(acks);
  const outcomes = facts.handoverOutcomes;
  return {
    count: shownCount(count),
    urgentAcknowledgedSameDayPercent: shownPercent(sumOf(urgentInTime), sumOf(urgent)),
    acknowledgedWithinLimitPercent: shownPercent(sumOf(otherInTime), sumOf(other)),
    outcomeWithin14DaysPercent: shownPercent(sumOf(outcomes.filter((o) => o.days !== null && o.days <= initialAssessmentDays)), sumOf(outcomes)),
    outcomes: handoverOutcomes.map((outcome) => ({ outcome, count: shownCount(sumOf(outcomes.filter((o) => o.outcome === outcome))) })),
  };
}

const bandUpperBounds: Readonly<Record<OpenAgeBand, number>> = { '0-5': 5, '6-20': 20, '21-60': 60, '61+': Number.POSITIVE_INFINITY };

function openByAge(rows: StatisticsFacts['open'], ctx: CountingContext): StatisticsReport['openByAge'] {
  const totals = new Map<OpenAgeBand, number>(openAgeBands.map((b) => [b, 0]));
  for (const r of rows) {
    const age = ctx.schoolDaysBetween(r.reportedOn, ctx.openOn);
    const band = openAgeBands.find((b) => age <= bandUpperBounds[b]) ?? '61+';
    totals.set(band, (totals.get(band) ?? 0) + r.count);
  }
  return openAgeBands.map((band) => ({ band, count: shownCount(totals.get(band) ?? 0) }));
}
