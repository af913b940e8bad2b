import { buildCalendarRules } from '../../../src/adapters/calendar/build-calendar-rules';
import { stockholmUsualBreaks } from '../../../src/adapters/calendar/stockholm-usual-breaks';
import type { CalendarRules } from '../../../src/domain/calendar/calendar-rules';

/** Rules for 2025–2028 from date-holidays, with Stockholm's usual sportlov and höstlov, office hours 08:00–17:00. */
export function stockholmCalendar(options: { dayBeforeHolidayEndsAt?: string } = {}): CalendarRules {
  return buildCalendarRules({
    years: { first: 2025, last: 2028 },
    schoolYears: [stockholmUsualBreaks('2025/26'), stockholmUsualBreaks('2026/27')],
    workingHours: { start: '08:00', end: '17:00' },
    ...options,
  });
}
