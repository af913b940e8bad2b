import type { CalendarDate } from '../../../domain/calendar/calendar-date';
import { intlLocale, type Lang } from './i18n';

type DateStyle = 'date' | 'short';

/**
 * How cards show a date, by `Intl` (CLDR) for each language; the catalogue holds no month names.
 * Swedish uses the numeric form Swedish readers know from forms ("2026-11-23"); English spells the month, since
 * "11/23/2026" and "23/11/2026" read differently in the US and the UK ("23 Nov 2026").
 */
const options: Readonly<Record<Lang, Record<DateStyle, Intl.DateTimeFormatOptions>>> = {
  sv: { date: { year: 'numeric', month: '2-digit', day: '2-digit' }, short: { day: 'numeric', month: 'short' } },
  en: { date: { day: 'numeric', month: 'short', year: 'numeric' }, short: { day: 'numeric', month: 'short' } },
};

const formats = new Map<string, Intl.DateTimeFormat>();

function formatterFor(lang: Lang, style: DateStyle): Intl.DateTimeFormat {
  const key = `${lang}:${style}`;
  let format = formats.get(key);
  if (format === undefined) {
    // A calendar date has no time zone: its UTC midnight is formatted in UTC so that the day never shifts.
    format = new Intl.DateTimeFormat(intlLocale[lang], { ...options[lang][style], timeZone: 'UTC' });
    formats.set(key, format);
  }
  return format;
}

function utcMidnight(date: CalendarDate): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (match === null) throw new Error(`formatDate: expected a calendar date YYYY-MM-DD, found "${date}"`);
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** "2026-11-23" / "23 Nov 2026": a calendar date as cards show it. */
export function formatDate(lang: Lang, date: CalendarDate): string {
  return formatterFor(lang, 'date').format(utcMidnight(date));
}

/** "23 nov." / "23 Nov": day and abbreviated month, short enough for a trend on one line. */
export function formatShortDate(lang: Lang, date: CalendarDate): string {
  return formatterFor(lang, 'short').format(utcMidnight(date));
}
