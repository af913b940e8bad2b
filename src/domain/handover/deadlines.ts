import { addCalendarDays, calendarDaysBetween, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import type { LocalDateTime } from '../calendar/local-date-time';
import { endOfWorkingDay, isWithinWorkingHours, nextSendTime } from '../calendar/working-hours';
import type { Handover } from './handover';

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
  const due = initialAssessmentDeadline(h.receivedOn);
  const deadlines: HandoverDeadlines = { initialAssessmentDue: due, initialAssessmentDaysLeft: calendarDaysBetween(today, due) };
  if (h.urgent && h.state === 'pending') deadlines.acknowledgeBy = urgentAcknowledgementDeadline(arrivedAt, rules);
  return deadlines;
}
