import type { LocalDateTime } from '../../domain/calendar/local-date-time';

/**
 * Stockholm wall-clock reading of instants: the part of the clock that does not tell the time, for code that
 * shows or files an instant as a Stockholm date (card views, statistics rows) and must not ask what time it is.
 */
export interface StockholmTime {
  /** Stockholm date and `HH:MM` time of an ISO instant (seconds dropped). */
  toLocal(instant: string): LocalDateTime;
}

/** Wall-clock time. `today` is the calendar date in Europe/Stockholm. */
export interface Clock extends StockholmTime {
  now(): string;
  today(): string;
  /** The ISO UTC instant at which Stockholm clocks show `local` (DST gaps move forward, repeats take the first). */
  fromLocal(local: LocalDateTime): string;
}
