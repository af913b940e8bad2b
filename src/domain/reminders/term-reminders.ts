import { addCalendarDays, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import { addSchoolDays, isSchoolDay } from '../calendar/school-days';
import type { NewCase } from '../case/case';
import type { PlannedReminder } from './reminder';
import { currentOccurrences, planned, teamSide, type ReminderPlanning } from './reminder-planning';

/** The breaks after which a new term starts: the summer and the Christmas holidays (domain.md C4, C5). */
export const termBreaks: readonly string[] = ['sommarlov', 'jullov'];

/** The first school day after each configured summer and Christmas break: where a term starts. */
export function termStarts(rules: CalendarRules): CalendarDate[] {
  return [...termStartsOf(rules)];
}

/**
 * Term starts per set of rules (rules are built once per directory and never change): every new case's
 * re-check reminders need them, and finding them counts school days after each break.
 */
const knownTermStarts = new WeakMap<CalendarRules, readonly CalendarDate[]>();

function termStartsOf(rules: CalendarRules): readonly CalendarDate[] {
  const known = knownTermStarts.get(rules);
  if (known !== undefined) return known;
  const starts = Object.freeze(findTermStarts(rules));
  knownTermStarts.set(rules, starts);
  return starts;
}

function findTermStarts(rules: CalendarRules): CalendarDate[] {
  const starts = rules.schoolBreaks
    .filter((b) => termBreaks.includes(b.name))
    .map((b) => addCalendarDays(b.to, 1))
    .filter((day) => Number(day.slice(0, 4)) <= rules.coveredYears.last)
    .map((day) => (isSchoolDay(day, rules) ? day : addSchoolDays(day, 1, rules)));
  return [...new Set(starts)].sort();
}

/**
 * At the start of each term, the team re-checks a case's support level: SST+ eligibility is an absence share
 * per term (domain.md D14), so a new term is a new question. For open referrals at SST or SST+ level, due at
 * the first working hour of the term's first school day, to whoever answers for the team.
 */
export function termRecheckReminders(c: NewCase, planning: ReminderPlanning): PlannedReminder[] {
  const open = c.state === 'new' || c.state === 'assigned' || c.state === 'handed_over';
  const recipient = teamSide(c);
  if (c.kind !== 'referral' || !open || (c.supportLevel !== 'sst' && c.supportLevel !== 'intensive') || recipient === undefined) return [];
  const { rules, now } = planning;
  const created = planning.localTimeOf(c.createdAt).date;
  const series = termStartsOf(rules)
    .filter((start) => start > created)
    .map((start) => planned(c, 'term_recheck', 'reminder', `term-${start}`, recipient, { date: start, time: rules.workingHours.start }));
  return currentOccurrences(series, now);
}
