import type { Clock } from '../../app/ports/clock';
import { dateOfDayNumber, dayNumberOf } from '../../domain/calendar/calendar-date';
import { isClockTime, type LocalDateTime } from '../../domain/calendar/local-date-time';

/**
 * Clock on the machine's time. Instants are ISO UTC; `today` and the helpers below use Europe/Stockholm
 * wall-clock time from the runtime's IANA time-zone data, so they follow the DST changes (last Sunday of
 * March and of October, 01:00 UTC).
 */
export class SystemClock implements Clock {
  constructor(private readonly currentMs: () => number = () => Date.now()) {}

  now(): string {
    return new Date(this.currentMs()).toISOString();
  }

  today(): string {
    return toStockholmLocal(this.now()).date;
  }

  toLocal(instant: string): LocalDateTime {
    return toStockholmLocal(instant);
  }

  fromLocal(local: LocalDateTime): string {
    return fromStockholmLocal(local);
  }
}

const stockholm = new Intl.DateTimeFormat('en-GB', {
  timeZone: 'Europe/Stockholm',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

const msPerMinute = 60_000;
const msPerHour = 3_600_000;
const msPerDay = 86_400_000;
// An instant with an explicit zone; without one, Date.parse would read it in the host's time zone.
const instantShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

/** Milliseconds at 00:00 UTC of `date`, or undefined when `date` is not a real `YYYY-MM-DD` date. */
function dayStartOf(date: string): number | undefined {
  const day = dayNumberOf(date);
  return day === undefined ? undefined : day * msPerDay;
}

/** The `YYYY-MM-DD` of the UTC day that starts at `dayStart`. */
const dateOf = (dayStart: number): string => dateOfDayNumber(dayStart / msPerDay);

const twoDigits = (n: number): string => String(n).padStart(2, '0');

/** Same as `new Date(ms).toISOString()` for four-digit years, the only ones a local date has. */
function isoOf(ms: number): string {
  const dayStart = Math.floor(ms / msPerDay) * msPerDay;
  const msOfDay = ms - dayStart;
  const hour = Math.floor(msOfDay / msPerHour);
  const minute = Math.floor(msOfDay / msPerMinute) % 60;
  const second = Math.floor(msOfDay / 1000) % 60;
  const millis = String(msOfDay % 1000).padStart(3, '0');
  return `${dateOf(dayStart)}T${twoDigits(hour)}:${twoDigits(minute)}:${twoDigits(second)}.${millis}Z`;
}

function parseInstant(isoUtc: string): number {
  // Date.parse quietly turns 2026-02-30 into 2 March, so the date part is checked on its own.
  const ms = instantShape.test(isoUtc) && dayStartOf(isoUtc.slice(0, 10)) !== undefined ? Date.parse(isoUtc) : Number.NaN;
  if (Number.isNaN(ms)) throw new RangeError(`Expected an ISO instant such as 2026-03-29T01:00:00.000Z, found ${JSON.stringify(isoUtc)}`);
  return ms;
}

/**
 * Stockholm's offset from UTC during each UTC hour seen so far, for hours without a change of offset (a change
 * falls on a whole UTC hour, so an hour whose first and last millisecond have one offset has it throughout).
 * Formatting a date in a time zone is the costly part of reading the clock; a day's work touches few hours.
 */
const offsetByHour = new Map<number, number>();
const maxCachedHours = 10_000;

/** Stockholm wall-clock time of `ms`, as if that wall-clock time were UTC (whole minutes). */
function wallMs(ms: number): number {
  const hour = Math.floor(ms / msPerHour);
  let offset = offsetByHour.get(hour);
  if (offset === undefined) {
    const start = hour * msPerHour;
    const atStart = formattedWallMs(start) - start;
    const atEnd = formattedWallMs(start + msPerHour - 1) - (start + msPerHour - msPerMinute);
    if (atStart !== atEnd || atStart % msPerMinute !== 0) return formattedWallMs(ms);
    if (offsetByHour.size >= maxCachedHours) offsetByHour.clear();
    offsetByHour.set(hour, atStart);
    offset = atStart;
  }
  return Math.floor((ms + offset) / msPerMinute) * msPerMinute;
}

function formattedWallMs(ms: number): number {
  const parts = stockholm.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

function toLocal(wall: number): LocalDateTime {
  const dayStart = Math.floor(wall / msPerDay) * msPerDay;
  const minuteOfDay = Math.floor((wall - dayStart) / msPerMinute);
  return { date: dateOf(dayStart), time: `${twoDigits(Math.floor(minuteOfDay / 60))}:${twoDigits(minuteOfDay % 60)}` };
}

/** The Stockholm date and `HH:MM` time of an instant; seconds are dropped, not rounded. */
export function toStockholmLocal(isoUtc: string): LocalDateTime {
  return toLocal(wallMs(parseInstant(isoUtc)));
}

/**
 * The instant at which Stockholm clocks show `local`, as ISO UTC. Like Temporal's "compatible" choice:
 * a time skipped in spring (02:30 on the last Sunday of March) is moved forward by the gap (03:30 CEST,
 * 01:30Z); a time shown twice in autumn (02:30 on the last Sunday of October) is the earlier one (CEST, 00:30Z).
 */
export function fromStockholmLocal(local: LocalDateTime): string {
  const dayStart = dayStartOf(local.date);
  if (dayStart === undefined || !isClockTime(local.time)) {
    throw new RangeError(`Expected a Stockholm date YYYY-MM-DD and time HH:MM, found ${JSON.stringify(local)}`);
  }
  const wanted = dayStart + Number(local.time.slice(0, 2)) * msPerHour + Number(local.time.slice(3, 5)) * msPerMinute;
  // The UTC offsets in force half a day either side; a DST change lies between them, if any.
  const offsetBefore = wallMs(wanted - 12 * msPerHour) - (wanted - 12 * msPerHour);
  const offsetAfter = wallMs(wanted + 12 * msPerHour) - (wanted + 12 * msPerHour);
  // The same offset either side: no change in between, so `local` occurs once and the search below would find that.
  if (offsetBefore === offsetAfter) return isoOf(wanted - offsetBefore);
  const candidates = [wanted - offsetBefore, wanted - offsetAfter].filter((ms) => wallMs(ms) === wanted);
  const chosen = candidates.length > 0 ? Math.min(...candidates) : wanted - offsetBefore;
  return isoOf(chosen);
}
