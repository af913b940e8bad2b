import type { CalendarDate } from '../calendar/calendar-date';

/** The periods a person picks on the statistics form (issue #16). */
export const statisticsPeriods = ['this_term', 'last_term', 'school_year', 'custom'] as const;
export type StatisticsPeriod = (typeof statisticsPeriods)[number];

export type StatisticsPeriodChoice =
  | { period: Exclude<StatisticsPeriod, 'custom'> }
  | { period: 'custom'; from: CalendarDate; to: CalendarDate };

/** Turns a picked period into dates (inclusive) as of `today`. */
export type StatisticsPeriodResolver = (choice: StatisticsPeriodChoice, today: CalendarDate) => { from: CalendarDate; to: CalendarDate };

/**
 * A stand-in resolver by calendar halves: the spring term is January–June, the autumn term July–December (the
 * summer break counts with the autumn), the school year July–June. The real terms come from the directory's
 * term dates (issue #16, the data side); this is swapped for that resolver where the app is wired. A period
 * that has not ended stops at `today`.
 */
export const resolveStatisticsPeriodByHalfYears: StatisticsPeriodResolver = (choice, today) => {
  if (choice.period === 'custom') return { from: choice.from, to: choice.to };
  const year = Number(today.slice(0, 4));
  const spring = Number(today.slice(5, 7)) <= 6;
  const upTo = (to: CalendarDate) => (to < today ? to : today);
  const termOf = (y: number, isSpring: boolean) => (isSpring ? { from: `${y}-01-01`, to: `${y}-06-30` } : { from: `${y}-07-01`, to: `${y}-12-31` });
  if (choice.period === 'this_term') {
    const term = termOf(year, spring);
    return { from: term.from, to: upTo(term.to) };
  }
  if (choice.period === 'last_term') return spring ? termOf(year - 1, false) : termOf(year, true);
  const start = spring ? year - 1 : year;
  return { from: `${start}-07-01`, to: upTo(`${start + 1}-06-30`) };
};
