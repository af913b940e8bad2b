import { addCalendarDays, calendarDaysBetween, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import type { LocalDateTime } from '../calendar/local-date-time';
import { endOfWorkingDay, isWithinWorkingHours, nextSendTime } from '../calendar/working-hours';
import type { InvestigationUnit } from '../routing/directory';
import type { AssessmentClock, Handover } from './handover';

/**
 * The initial assessment (förhandsbedömning) must be decided within 14 days of the report's arrival,
 * counted in calendar days and not paused for weekends or school breaks (domain.md I3; old SoL 11 ch. 1 a §,
 * carried into SoL 2025:400 unverified, I5). It is a ceiling: serious reports need faster decisions.
 */
export const initialAssessmentDays = 14;

/** The last calendar date for the initial-assessment decision on a report received on `receivedOn`. */
export function initialAssessmentDeadline(receivedOn: CalendarDate): CalendarDate {
  return addCalendarDays(receivedOn, initialAssessmentDays);
}

/**
 * Where the clock starts when a handover first reaches a unit (I3: "from the report's arrival"). For suspected
 * harm it is the day social services received the reporter's own report of concern, which the reporter gives
 * on the form (`concernReportedOn`), not the day the bot took the case in; otherwise the day the handover
 * reached the unit.
 */
export function startAssessmentClock(unitId: string, arrivedOn: CalendarDate, concernReportedOn?: CalendarDate): AssessmentClock {
  return concernReportedOn === undefined
    ? { startsOn: arrivedOn, basis: 'handover_arrival', unitId }
    : { startsOn: concernReportedOn, basis: 'report_of_concern', unitId };
}

/**
 * The clock after a forward from `from` to `to` on `today`. Within one district committee the same committee
 * already received the report, so the clock runs on. Between committees (another district) it restarts only
 * when the city's directory says so (`restartsBetweenCommittees`, default false: the municipality received it).
 */
export function assessmentClockAfterForward(
  clock: AssessmentClock,
  from: Pick<InvestigationUnit, 'districtCode'> | undefined,
  to: Pick<InvestigationUnit, 'id' | 'districtCode'>,
  today: CalendarDate,
  restartsBetweenCommittees: boolean,
): AssessmentClock {
  const sameCommittee = from !== undefined && from.districtCode === to.districtCode;
  return !sameCommittee && restartsBetweenCommittees ? { startsOn: today, basis: 'forward_restart', unitId: to.id } : clock;
}

/** The handover's clock; a handover stored before clocks were recorded counts from its arrival at the unit. */
export const assessmentClockOf = (h: Handover): AssessmentClock =>
  h.assessmentClock ?? { startsOn: h.receivedOn, basis: 'handover_arrival', unitId: h.unitId };

/**
 * "Acknowledge the same working day" for an urgent handover (domain.md I2, C6), as the card shows it:
 * due by the end of the working day it arrived on, or of the next working day when it arrived after hours.
 * `outsideWorkingHours` tells the card to show the district's social emergency service (socialjour) now.
 */
export interface UrgentAcknowledgement {
  kind: 'same_working_day';
  due: LocalDateTime;
  outsideWorkingHours: boolean;
}

/** The urgent-acknowledgement deadline for a handover that arrived at `arrivedAt` (Europe/Stockholm). */
export function urgentAcknowledgementDeadline(arrivedAt: LocalDateTime, rules: CalendarRules): UrgentAcknowledgement {
  const firstWorkingMoment = nextSendTime(arrivedAt, rules);
  return {
    kind: 'same_working_day',
    due: endOfWorkingDay(firstWorkingMoment.date, rules),
    outsideWorkingHours: !isWithinWorkingHours(arrivedAt, rules),
  };
}

/** The instant the handover arrived at its current unit: the last forward, else the handover itself. */
export function arrivedAtCurrentUnit(h: Handover): string {
  return h.forwards.at(-1)?.at ?? h.handedOverAt;
}

export interface HandoverDeadlines {
  /** The day the 14 days count from, and why (shown on the card). */
  clock: AssessmentClock;
  initialAssessmentDue: CalendarDate;
  /** Negative once the date has passed; 0 on the last day. */
  initialAssessmentDaysLeft: number;
  /** Only for an urgent handover nobody has acknowledged yet. */
  acknowledgeBy?: UrgentAcknowledgement;
}

/**
 * Deadline values for the card of handover `h` on `today`. `arrivedAt` is `arrivedAtCurrentUnit(h)` converted
 * to Stockholm time by the Clock adapter; the domain does no time-zone arithmetic.
 */
export function handoverDeadlines(h: Handover, arrivedAt: LocalDateTime, today: CalendarDate, rules: CalendarRules): HandoverDeadlines {
  const clock = assessmentClockOf(h);
  const due = initialAssessmentDeadline(clock.startsOn);
  const deadlines: HandoverDeadlines = { clock, initialAssessmentDue: due, initialAssessmentDaysLeft: calendarDaysBetween(today, due) };
  if (h.urgent && h.state === 'pending') deadlines.acknowledgeBy = urgentAcknowledgementDeadline(arrivedAt, rules);
  return deadlines;
}
