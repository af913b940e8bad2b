import type { CalendarDate } from '../domain/calendar/calendar-date';
import { addSchoolDays } from '../domain/calendar/school-days';
import type { Case } from '../domain/case/case';
import { reminderSettingsFor } from '../domain/reminders/reminder-settings';
import type { ReminderDeps } from './plan-reminders';

/** The next follow-up date after `from`: the case's district's default interval, in school days. */
export function defaultFollowUpOn(deps: Pick<ReminderDeps, 'directory' | 'calendar'>, c: Case, from: CalendarDate): CalendarDate {
  const { defaultSchoolDays } = reminderSettingsFor(deps.directory().reminders, c.routing.schoolDistrictCode).followUp;
  return addSchoolDays(from, defaultSchoolDays, deps.calendar());
}
