import { addCalendarDays, type CalendarDate } from '../calendar/calendar-date';
import type { CalendarRules } from '../calendar/calendar-rules';
import { termBreaks } from '../reminders/term-reminders';

/** The periods a person picks on the statistics form (issue #16). */
export const statisticsPeriods = ['this_term', 'last_term', 'school_year', 'custom'] as const;
export type StatisticsPeriod = (typeof statisticsPeriods)[number];

/** What the card and the export let a person choose. */
export type StatisticsPeriodChoice =
  | { period: Exclude<StatisticsPeriod, 'custom'> }
  | { period: 'custom'; from: CalendarDate; to: CalendarDate };

/** Turns a picked period into dates (inclusive) as of `today`; undefined when the calendar lacks the terms. */
export type StatisticsPeriodResolver = (choice: StatisticsPeriodChoice, today: CalendarDate) => Period | undefined;

export interface Period {
  from: CalendarDate;
  to: CalendarDate;
}

export interface Term extends Period {
  /** Autumn terms start after the summer break, spring terms after the Christmas break. */
  season: 'autumn' | 'spring';
}

/**
 * The terms the calendar knows: each runs from the day after a summer or Christmas break (`termBreaks`) to the
 * day before the next one, oldest first. Dates, not school days: a term's first days may be a weekend.
 */
export function termsOf(rules: CalendarRules): Term[] {
  const breaks = rules.schoolBreaks.filter((b) => termBreaks.includes(b.name)).sort((a, b) => a.from.localeCompare(b.from));
  const terms: Term[] = [];
  for (let i = 0; i + 1 < breaks.length; i += 1) {
    const [before, after] = [breaks[i], breaks[i + 1]];
    if (before === undefined || after === undefined) continue;
    terms.push({ from: addCalendarDays(before.to, 1), to: addCalendarDays(after.from, -1), season: before.name === 'sommarlov' ? 'autumn' : 'spring' });
  }
  return terms;
}

/**
 * The dates a period choice covers on `today`. This term: the term `today` is in, or the last one before it
 * during a break; last term: the one before that; school year: the autumn and spring terms around this term.
 * A custom period is widened to whole calendar months (docs/statistics.md: fewer periods to difference).
 * Undefined when the calendar does not configure the terms asked for.
 */
export function periodFor(choice: StatisticsPeriodChoice, rules: CalendarRules, today: CalendarDate): Period | undefined {
  if (choice.period === 'custom') return wholeMonths(choice.from <= choice.to ? choice : { from: choice.to, to: choice.from });
  const terms = termsOf(rules);
  const current = terms.findLastIndex((t) => t.from <= today);
  const term = terms[current];
  if (term === undefined) return undefined;
  switch (choice.period) {
    case 'this_term':
      return { from: term.from, to: term.to };
    case 'last_term': {
      const last = terms[current - 1];
      return last === undefined ? undefined : { from: last.from, to: last.to };
    }
    case 'school_year': {
      const [autumn, spring] = term.season === 'autumn' ? [term, terms[current + 1]] : [terms[current - 1], term];
      return autumn === undefined || spring === undefined || autumn.season !== 'autumn' ? undefined : { from: autumn.from, to: spring.to };
    }
  }
}

/** From the first day of `from`'s month to the last day of `to`'s month. */
export function wholeMonths(period: Period): Period {
  const firstOfNext = (date: CalendarDate): CalendarDate => {
    const [year, month] = [Number(date.slice(0, 4)), Number(date.slice(5, 7))];
    const [y, m] = month === 12 ? [year + 1, 1] : [year, month + 1];
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-01`;
  };
  return { from: `${period.from.slice(0, 7)}-01`, to: addCalendarDays(firstOfNext(period.to), -1) };
}
