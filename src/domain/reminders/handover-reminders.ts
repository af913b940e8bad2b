import { addCalendarDays } from '../calendar/calendar-date';
import type { NewCase } from '../case/case';
import { pendingQuestion } from '../case/question';
import { arrivedAtCurrentUnit, assessmentClockOf } from '../handover/deadlines';
import { isHandoverOpen, type Handover } from '../handover/handover';
import type { PlannedReminder } from './reminder';
import { afterWorkingDays, endOfSameWorkingDay, hoursLaterSameDay, workingDayStartNoLaterThan } from './reminder-due';
import { currentOccurrences, planned, settingsFor, teamSide, type ReminderPlanning } from './reminder-planning';

/**
 * Reminders on the social-services side, counted in working or calendar days: they never pause for school
 * breaks (domain.md I2, I3, C1–C3). Settings are those of the district the handover's unit belongs to.
 */

/** Identifies the handover's stay at its current unit: a forward starts new reminders there. */
const arrivalSubject = (h: Handover): string => `${h.unitId}:${h.forwards.length}`;

function unitDistrict(c: NewCase, h: Handover, planning: ReminderPlanning): string | undefined {
  return planning.directory.investigationUnits.find((u) => u.id === h.unitId)?.districtCode ?? c.routing.homeDistrictCode;
}

/**
 * Nobody in the unit has acknowledged the handover. Ordinary: the contacts after N working days, the managers
 * after M. Urgent (I2): the contacts a few hours after it arrived and the managers at the end of that working
 * day; one that arrived outside working hours counts from the next working morning (the card shows the
 * social emergency service meanwhile).
 */
export function unacknowledgedHandoverReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const h = c.handover;
  if (h === undefined || h.state !== 'pending') return [];
  const settings = settingsFor(planning, unitDistrict(c, h, planning)).handover;
  const arrived = planning.localTimeOf(arrivedAtCurrentUnit(h));
  const { rules, now } = planning;
  const subject = arrivalSubject(h);
  const contacts = { kind: 'unit_contacts', unitId: h.unitId } as const;
  const managers = { kind: 'unit_managers', unitId: h.unitId } as const;
  const [remindAt, escalateAt] = h.urgent
    ? [hoursLaterSameDay(arrived, settings.urgentRemindAfterHours, rules), endOfSameWorkingDay(arrived, rules)]
    : [afterWorkingDays(arrived, settings.remindAfterWorkingDays, rules), afterWorkingDays(arrived, settings.escalateAfterWorkingDays, rules)];
  return [
    ...currentOccurrences([planned(c, 'unacknowledged_handover', 'reminder', subject, contacts, remindAt)], now),
    ...currentOccurrences([planned(c, 'unacknowledged_handover', 'escalation', subject, managers, escalateAt)], now),
  ];
}

/**
 * An acknowledged handover, ordinary or urgent, whose initial assessment is not decided: the responsible person
 * is reminded on the configured calendar days after the clock started, ahead of the 14-day ceiling (I3). For
 * suspected harm the clock starts on the day the report of concern reached social services, which may be days
 * before the handover. A day that is not a working day moves to the working day before it. Days already past
 * when it was acknowledged are skipped.
 */
export function initialAssessmentReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const h = c.handover;
  if (h === undefined || h.state !== 'acknowledged' || h.acknowledgement === undefined) return [];
  const { startsOn } = assessmentClockOf(h);
  const { remindOnDays } = settingsFor(planning, unitDistrict(c, h, planning)).initialAssessment;
  const recipient = { kind: 'person', userId: h.acknowledgement.responsibleId } as const;
  const series = remindOnDays.map((day) =>
    planned(c, 'initial_assessment', 'reminder', `${arrivalSubject(h)}:day-${day}`, recipient,
      workingDayStartNoLaterThan(addCalendarDays(startsOn, day), planning.rules)),
  );
  return currentOccurrences(series, planning.now, planning.localTimeOf(h.acknowledgement.at));
}

/** The investigator's request for the team's input, unanswered after N working days: the assignee (or the inbox). */
export function inputRequestReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const h = c.handover;
  const request = h !== undefined && isHandoverOpen(h) ? pendingQuestion(h.inputRequests) : undefined;
  const recipient = teamSide(c);
  if (request === undefined || recipient === undefined) return [];
  const { remindTeamAfterWorkingDays } = settingsFor(planning, c.routing.schoolDistrictCode).question;
  const due = afterWorkingDays(planning.localTimeOf(request.askedAt), remindTeamAfterWorkingDays, planning.rules);
  return currentOccurrences([planned(c, 'unanswered_question', 'reminder', request.id, recipient, due)], planning.now);
}
