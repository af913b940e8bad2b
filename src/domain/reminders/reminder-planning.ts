import type { CalendarRules } from '../calendar/calendar-rules';
import type { LocalDateTime } from '../calendar/local-date-time';
import type { NewCase } from '../case/case';
import type { Directory } from '../routing/directory';
import { reminderId, type PlannedReminder, type ReminderKind, type ReminderRecipient, type ReminderStep } from './reminder';
import { compareLocal } from './reminder-due';
import { reminderSettingsFor, type ReminderSettings } from './reminder-settings';

/**
 * What planning needs besides the case. `localTimeOf` converts an ISO instant to Stockholm wall-clock time
 * (the Clock adapter's job: the domain does no time-zone arithmetic); `now` is the moment of planning.
 */
export interface ReminderPlanning {
  rules: CalendarRules;
  directory: Pick<Directory, 'reminders' | 'investigationUnits' | 'schools' | 'otherOrganiserRoutine'>;
  localTimeOf: (instant: string) => LocalDateTime;
  now: LocalDateTime;
}

export const settingsFor = (planning: ReminderPlanning, districtCode: string | undefined): ReminderSettings =>
  reminderSettingsFor(planning.directory.reminders, districtCode);

export function planned(
  c: NewCase,
  kind: ReminderKind,
  step: ReminderStep,
  subject: string,
  recipient: ReminderRecipient,
  due: LocalDateTime,
): PlannedReminder {
  return { id: reminderId(c.id, kind, step, subject), caseId: c.id, kind, step, subject, recipient, due };
}

/**
 * The occurrences of one series (same recipient, same matter) that should exist at `now`: none due before
 * the obligation began (`since`: a day-7 reminder is pointless for a handover acknowledged on day 9); of
 * those due by now only the latest, which supersedes the earlier ones (after downtime one catch-up, not a
 * burst); and every later one.
 */
export function currentOccurrences(series: readonly PlannedReminder[], now: LocalDateTime, since?: LocalDateTime): PlannedReminder[] {
  const relevant = since === undefined ? [...series] : series.filter((r) => compareLocal(r.due, since) >= 0);
  const sorted = relevant.sort((a, b) => compareLocal(a.due, b.due));
  const due = sorted.filter((r) => compareLocal(r.due, now) <= 0);
  const later = sorted.filter((r) => compareLocal(r.due, now) > 0);
  const latestDue = due.at(-1);
  return latestDue === undefined ? later : [latestDue, ...later];
}

/** Who answers for the team on a case: the assigned worker, else the team's inbox, else the district's fallback contact. */
export function teamSide(c: NewCase): ReminderRecipient | undefined {
  if (c.assigneeId !== undefined) return { kind: 'person', userId: c.assigneeId };
  if (c.routing.sstTeamId !== undefined) return { kind: 'team_inbox', teamId: c.routing.sstTeamId };
  if (c.routing.fallbackDistrictCode !== undefined) return { kind: 'fallback_contact', districtCode: c.routing.fallbackDistrictCode };
  return undefined;
}
