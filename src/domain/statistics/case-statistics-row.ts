import type { CalendarDate } from '../calendar/calendar-date';
import { calendarDaysBetween } from '../calendar/calendar-date';
import type { ClockTime, LocalDateTime } from '../calendar/local-date-time';
import type { Case, CaseKind, CaseOutcome, CaseState } from '../case/case';
import { attendanceChangeOf } from '../case/follow-up';
import { arrivedAtCurrentUnit, assessmentClockOf } from '../handover/deadlines';
import type { HandoverOutcome } from '../handover/handover';
import type { SupportLevel } from '../report/support-level';

/**
 * The non-personal facts of one case that statistics count (issue #16): codes, Stockholm dates and one derived
 * number, all kept when retention erases the case's personal parts (../retention/retention.ts). Stores keep this
 * row next to the case and aggregate over it; nothing here names a pupil, a person or a free text.
 */
export interface CaseStatisticsRow {
  kind: CaseKind;
  state: CaseState;
  /** The school's district: the SST side counts here. */
  districtCode: string;
  supportLevel: SupportLevel | null;
  suspectedHarm: boolean;
  reportedOn: CalendarDate;
  /** The first time a team member took the case. */
  takenOn: CalendarDate | null;
  /** When the case ended (closed or merged). */
  closedOn: CalendarDate | null;
  outcome: CaseOutcome | null;
  /** The investigation unit the handover is at now; the handover's facts below are null without one. */
  handoverUnitId: string | null;
  handoverUrgent: boolean | null;
  handedOverOn: CalendarDate | null;
  /** Arrival at the current unit (the last forward, else the handover), Stockholm date and time. */
  handoverArrivedOn: CalendarDate | null;
  handoverArrivedTime: ClockTime | null;
  acknowledgedOn: CalendarDate | null;
  acknowledgedTime: ClockTime | null;
  handoverOutcome: HandoverOutcome | null;
  /** Calendar days from the assessment clock's start to the outcome (the 14-day ceiling counts these). */
  handoverOutcomeDays: number | null;
  /** Latest check-in's total absence minus the report's, in whole percentage points. */
  attendanceChangePoints: number | null;
}

/**
 * The statistics row of `c`. `toLocal` turns an ISO instant into Stockholm date and time (the stores pass the
 * StockholmTime port they are given): the domain does no time-zone arithmetic itself.
 */
export function statisticsRowOf(c: Case, toLocal: (instant: string) => LocalDateTime): CaseStatisticsRow {
  const dateOf = (instant: string | undefined): CalendarDate | null => (instant === undefined ? null : toLocal(instant).date);
  const taken = c.history.find((e) => e.type === 'taken');
  const closedAt = c.closedAt ?? (c.state === 'merged' ? c.history.findLast((e) => e.type === 'merged_into')?.at : undefined);
  const h = c.kind === 'referral' ? c.handover : undefined;
  const arrived = h === undefined ? undefined : toLocal(arrivedAtCurrentUnit(h));
  const ack = h?.acknowledgement === undefined ? undefined : toLocal(h.acknowledgement.at);
  const outcomeOn = h?.outcome === undefined ? undefined : toLocal(h.outcome.at).date;
  return {
    kind: c.kind,
    state: c.state,
    districtCode: c.routing.schoolDistrictCode,
    supportLevel: c.supportLevel ?? null,
    suspectedHarm: c.suspectedHarm,
    reportedOn: toLocal(c.createdAt).date,
    takenOn: dateOf(taken?.at),
    closedOn: dateOf(closedAt),
    outcome: c.outcome ?? null,
    handoverUnitId: h?.unitId ?? null,
    handoverUrgent: h?.urgent ?? null,
    handedOverOn: dateOf(h?.handedOverAt),
    handoverArrivedOn: arrived?.date ?? null,
    handoverArrivedTime: arrived?.time ?? null,
    acknowledgedOn: ack?.date ?? null,
    acknowledgedTime: ack?.time ?? null,
    handoverOutcome: h?.outcome?.outcome ?? null,
    handoverOutcomeDays: h === undefined || outcomeOn === undefined ? null : calendarDaysBetween(assessmentClockOf(h).startsOn, outcomeOn),
    attendanceChangePoints: attendanceChangeOf(c) ?? null,
  };
}
