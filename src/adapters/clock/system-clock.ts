import type { Clock } from '../../app/ports/clock';
import { isCalendarDate } from '../../domain/calendar/calendar-date';
import { isLocalDateTime, type LocalDateTime } from '../../domain/calendar/local-date-time';

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

const msPerHour = 3_600_000;
// An instant with an explicit zone; without one, Date.parse would read it in the host's time zone.
const instantShape = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;

function parseInstant(isoUtc: string): number {
  // Date.parse quietly turns 2026-02-30 into 2 March, so the date part is checked on its own.
  const ms = instantShape.test(isoUtc) && isCalendarDate(isoUtc.slice(0, 10)) ? Date.parse(isoUtc) : Number.NaN;
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
    const atEnd = formattedWallMs(start + msPerHour - 1) - (start + msPerHour - 60_000);
    if (atStart !== atEnd || atStart % 60_000 !== 0) return formattedWallMs(ms);
    if (offsetByHour.size >= maxCachedHours) offsetByHour.clear();
    offsetByHour.set(hour, atStart);
    offset = atStart;
  }
  return Math.floor((ms + offset) / 60_000) * 60_000;
}

function formattedWallMs(ms: number): number {
  const parts = stockholm.formatToParts(new Date(ms));
  const part = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(part('year'), part('month') - 1, part('day'), part('hour'), part('minute'));
}

function toLocal(wall: number): LocalDateTime {
  const iso = new Date(wall).toISOString();
  return { date: iso.slice(0, 10), time: iso.slice(11, 16) };
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
  if (!isLocalDateTime(local)) {
    throw new RangeError(`Expected a Stockholm date YYYY-MM-DD and time HH:MM, found ${JSON.stringify(local)}`);
  }
  const [year, month, day] = local.date.split('-').map(Number);
  const [hour, minute] = local.time.split(':').map(Number);
  const wanted = Date.UTC(year ?? 0, (month ?? 1) - 1, day ?? 1, hour ?? 0, minute ?? 0);
  // The UTC offsets in force half a day either side; a DST change lies between them, if any.
  const offsetBefore = wallMs(wanted - 12 * msPerHour) - (wanted - 12 * msPerHour);
  const offsetAfter = wallMs(wanted + 12 * msPerHour) - (wanted + 12 * msPerHour);
  const candidates = [wanted - offsetBefore, wanted - offsetAfter].filter((ms) => wallMs(ms) === wanted);
  const chosen = candidates.length > 0 ? Math.min(...candidates) : wanted - offsetBefore;
  return new Date(chosen).toISOString();
}
