import type { Case, NewCase } from '../case/case';
import { compareLocal } from './reminder-due';
import type { PlannedReminder } from './reminder';
import type { ReminderPlanning } from './reminder-planning';
import { termRecheckReminders } from './term-reminders';
import { followUpReminders } from './follow-up-reminders';
import { inputRequestReminders, initialAssessmentReminders, unacknowledgedHandoverReminders } from './handover-reminders';
import {
  absenceInvestigationReminders,
  consentExpiryReminders,
  reporterQuestionReminders,
  unassignedCaseReminders,
} from './school-reminders';

export type { ReminderPlanning } from './reminder-planning';

/**
 * The reminders case `c` calls for at `planning.now`, soonest first, each due inside working hours. Pure and
 * idempotent: the same state gives the same ids and times, so the store can reconcile (keep, add, resolve).
 * A reminder missing from the answer is no longer wanted: someone acted, or a later one superseded it.
 */
export function plannedReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  if (c.state === 'merged') return [];
  return [
    ...unassignedCaseReminders(c, planning),
    ...reporterQuestionReminders(c, planning),
    ...absenceInvestigationReminders(c, planning),
    ...consentExpiryReminders(c, planning),
    ...unacknowledgedHandoverReminders(c, planning),
    ...initialAssessmentReminders(c, planning),
    ...inputRequestReminders(c, planning),
    ...termRecheckReminders(c, planning),
    ...followUpReminders(c, planning),
  ].sort((a, b) => compareLocal(a.due, b.due) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** True when `reminderId` is among the reminders `c` calls for now: the sweep's last check before sending. */
export function isReminderWanted(reminderId: string, c: Case, planning: ReminderPlanning): boolean {
  return plannedReminders(c, planning).some((r) => r.id === reminderId);
}
