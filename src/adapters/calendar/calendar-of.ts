import type { CalendarRules } from '../../domain/calendar/calendar-rules';
import type { Directory } from '../../domain/routing/directory';
import { buildCalendarRules } from './build-calendar-rules';

const built = new WeakMap<Directory, CalendarRules>();

/**
 * The calendar rules of a loaded directory, built once per directory object: a reload that swaps the
 * directory gets new rules. Throws with every problem listed when the directory's calendar is unusable.
 */
export function calendarOf(directory: Directory): CalendarRules {
  const cached = built.get(directory);
  if (cached) return cached;
  const rules = buildCalendarRules(directory.calendar);
  built.set(directory, rules);
  return rules;
}
