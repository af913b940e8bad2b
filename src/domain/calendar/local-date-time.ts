import { isCalendarDate, type CalendarDate } from './calendar-date';

/** A wall-clock time `HH:MM` (24-hour, zero-padded), so that times compare correctly as strings. */
export type ClockTime = string;

/** A date and wall-clock time in Europe/Stockholm. The Clock adapter converts it to and from ISO UTC instants. */
export interface LocalDateTime {
  readonly date: CalendarDate;
  readonly time: ClockTime;
}

const timeShape = /^([01]\d|2[0-3]):[0-5]\d$/;

/** True when `value` is a `HH:MM` time between 00:00 and 23:59. */
export function isClockTime(value: string): boolean {
  return timeShape.test(value);
}

/** True when `value` holds a real date and a `HH:MM` time. */
export function isLocalDateTime(value: LocalDateTime): boolean {
  return isCalendarDate(value.date) && isClockTime(value.time);
}
