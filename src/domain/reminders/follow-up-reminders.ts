import { addSchoolDays } from '../calendar/school-days';
import type { NewCase } from '../case/case';
import type { PlannedReminder } from './reminder';
import { currentOccurrences, planned, type ReminderPlanning } from './reminder-planning';

/**
 * A follow-up check-in falls due (`followUpOn`, or the next school day after it, at the start of working
 * hours): the reporters are asked for the pupil's current absence, the assignee to review the case. A
 * check-in moves `followUpOn`, which gives new ids and resolves these.
 */
export function followUpReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const on = c.followUpOn;
  if ((c.state !== 'assigned' && c.state !== 'handed_over') || on === undefined || c.kind !== 'referral') return [];
  const due = { date: addSchoolDays(on, 0, planning.rules), time: planning.rules.workingHours.start };
  const series: PlannedReminder[][] = [[planned(c, 'follow_up', 'reminder', `check-in-${on}`, { kind: 'case_reporters' }, due)]];
  if (c.assigneeId !== undefined) series.push([planned(c, 'follow_up', 'reminder', `review-${on}`, { kind: 'person', userId: c.assigneeId }, due)]);
  return series.flatMap((s) => currentOccurrences(s, planning.now));
}
