import { addCalendarDays } from '../calendar/calendar-date';
import type { LocalDateTime } from '../calendar/local-date-time';
import type { NewCase } from '../case/case';
import { isOpen } from '../case/lifecycle';
import { isConsentInForce } from '../consent/consent-scope';
import { pendingQuestion } from '../case/question';
import { isAbsenceInvestigationRequired, isOtherOrganiserSchool, otherOrganiserDeadlines } from '../case/school-steps';
import type { PlannedReminder } from './reminder';
import { afterSchoolDays, compareLocal, workingDayStartNoLaterThan } from './reminder-due';
import { currentOccurrences, planned, settingsFor, teamSide, type ReminderPlanning } from './reminder-planning';

/**
 * Reminders on the school side: the team's queue, the reporter's unanswered question, the head teacher's
 * notice to the organiser and the consent's expiry. Counted in school days where a teacher or the team acts
 * (domain.md C1–C5), in calendar days for a consent's valid-until date.
 */

/** When the case reached the team's inbox: when consent arrived for a case that waited for it, else its creation. */
function inboxArrival(c: NewCase): string {
  return c.history.find((e) => e.type === 'consent_recorded')?.at ?? c.createdAt;
}

/** A new case nobody has taken: the inbox after N school days, the coordinators after M. */
export function unassignedCaseReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  if (c.state !== 'new') return [];
  const { remindAfterSchoolDays, escalateAfterSchoolDays } = settingsFor(planning, c.routing.schoolDistrictCode).unassigned;
  const arrived = planning.localTimeOf(inboxArrival(c));
  const { rules, now } = planning;
  const teamId = c.routing.sstTeamId;
  const series: PlannedReminder[][] = [];
  if (teamId !== undefined) {
    series.push([planned(c, 'unassigned_case', 'reminder', 'inbox', { kind: 'team_inbox', teamId }, afterSchoolDays(arrived, remindAfterSchoolDays, rules))]);
    series.push([
      planned(c, 'unassigned_case', 'escalation', 'inbox', { kind: 'team_coordinators', teamId }, afterSchoolDays(arrived, escalateAfterSchoolDays, rules)),
    ]);
  } else if (c.routing.fallbackDistrictCode !== undefined) {
    // No team, so nobody above the fallback contact to escalate to.
    const recipient = { kind: 'fallback_contact', districtCode: c.routing.fallbackDistrictCode } as const;
    series.push([planned(c, 'unassigned_case', 'reminder', 'inbox', recipient, afterSchoolDays(arrived, remindAfterSchoolDays, rules))]);
  }
  return series.flatMap((s) => currentOccurrences(s, now));
}

/** The team's question to the reporter, unanswered after N school days: the reporters are reminded. */
export function reporterQuestionReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const question = isOpen(c) ? pendingQuestion(c.questions ?? []) : undefined;
  if (question === undefined) return [];
  const { remindReporterAfterSchoolDays } = settingsFor(planning, c.routing.schoolDistrictCode).question;
  const due = afterSchoolDays(planning.localTimeOf(question.askedAt), remindReporterAfterSchoolDays, planning.rules);
  return currentOccurrences([planned(c, 'unanswered_question', 'reminder', question.id, { kind: 'case_reporters' }, due)], planning.now);
}

/**
 * The head teacher's absence investigation has started (School Act 7 ch. 19 a §) but the organiser has not
 * been notified: remind the head teacher every N school days until the notice is recorded. The series counts
 * from the investigation's start, or from the report when that came later. Only where the Act applies
 * (compulsory schooling, not upper secondary). For an independent school the city's routine sets a deadline
 * for the first form (domain.md L4): the first reminder comes on the morning of that day at the latest.
 */
export function absenceInvestigationReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const startedOn = c.steps?.investigationStartedOn;
  if (!isAbsenceInvestigationRequired(c) || !isOpen(c) || startedOn === undefined || c.steps?.organiserNotifiedOn !== undefined) return [];
  const { remindAfterSchoolDays } = settingsFor(planning, c.routing.schoolDistrictCode).absenceInvestigationNotice;
  const { rules, now } = planning;
  const reported = planning.localTimeOf(c.createdAt);
  const anchor: LocalDateTime = startedOn > reported.date ? { date: startedOn, time: rules.workingHours.start } : reported;
  const recipient = { kind: 'head_teacher', schoolId: c.schoolId } as const;
  const regular = afterSchoolDays(anchor, remindAfterSchoolDays, rules);
  // Occurrences up to the first one after now: that one and the latest due one are all that can be current.
  const series: PlannedReminder[] = [];
  let due = earliest(regular, routineFirstFormDue(c, startedOn, anchor, planning));
  for (let k = 1; ; k += 1) {
    series.push(planned(c, 'absence_investigation_notice', 'reminder', `occurrence-${k}`, recipient, due));
    if (compareLocal(due, now) > 0) break;
    due = afterSchoolDays(due, remindAfterSchoolDays, rules);
  }
  return currentOccurrences(series, now);
}

const earliest = (a: LocalDateTime, b: LocalDateTime | undefined): LocalDateTime => (b !== undefined && compareLocal(b, a) < 0 ? b : a);

/**
 * For an independent school, the morning the city's routine wants the first form (domain.md L4); the moment
 * the case arrived when that deadline had already passed (or lies beyond the calendar), so that it comes at once.
 */
function routineFirstFormDue(c: NewCase, startedOn: string, anchor: LocalDateTime, planning: ReminderPlanning): LocalDateTime | undefined {
  if (!isOtherOrganiserSchool(c, planning.directory)) return undefined;
  const deadlines = otherOrganiserDeadlines(startedOn, planning.directory.otherOrganiserRoutine, planning.rules);
  if (deadlines === undefined) return anchor;
  const due = workingDayStartNoLaterThan(deadlines.firstFormBy, planning.rules);
  return compareLocal(due, anchor) < 0 ? anchor : due;
}

/** A consent in force about to expire: the school social worker (or the inbox) D calendar days before valid-until. */
export function consentExpiryReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const validUntil = c.consent?.validUntil;
  const recipient = teamSide(c);
  // A withdrawn consent will not be renewed by a reminder about its end date.
  if (!isOpen(c) || c.state === 'awaiting_consent' || !isConsentInForce(c.consent) || validUntil === undefined || recipient === undefined) return [];
  const { remindDaysBefore } = settingsFor(planning, c.routing.schoolDistrictCode).consentExpiry;
  const due = workingDayStartNoLaterThan(addCalendarDays(validUntil, -remindDaysBefore), planning.rules);
  const recordedAt = [...c.history].reverse().find((e) => e.type === 'consent_recorded')?.at ?? c.createdAt;
  return currentOccurrences([planned(c, 'consent_expiry', 'reminder', validUntil, recipient, due)], planning.now, planning.localTimeOf(recordedAt));
}
