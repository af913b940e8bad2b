import { fromStockholmLocal, toStockholmLocal } from '../../src/adapters/clock/system-clock';
import type { Clock, StockholmTime } from '../../src/app/ports/clock';
import type { LocalDateTime } from '../../src/domain/calendar/local-date-time';

/**
 * Stockholm wall-clock reading for stores that tests build (the composition root passes its Clock): the real
 * Europe/Stockholm conversion, without a time of its own.
 */
export const stockholmTime: StockholmTime = { toLocal: toStockholmLocal };

/** Clock that stands still until a test sets or advances it. `today` is the Stockholm date of `now`. */
export class FixedClock implements Clock {
  private current: number;

  constructor(isoUtc: string) {
    this.current = FixedClock.parse(isoUtc);
  }

  /** A clock showing `time` on `date` in Stockholm. */
  static atStockholm(date: string, time: string): FixedClock {
    return new FixedClock(fromStockholmLocal({ date, time }));
  }

  now(): string {
    return new Date(this.current).toISOString();
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

  set(isoUtc: string): void {
    this.current = FixedClock.parse(isoUtc);
  }

  /** Moves time forward by exact durations (a "day" is 24 hours, also across a DST change). */
  advance(by: { days?: number; hours?: number; minutes?: number }): void {
    this.current += (((by.days ?? 0) * 24 + (by.hours ?? 0)) * 60 + (by.minutes ?? 0)) * 60_000;
  }

  private static parse(isoUtc: string): number {
    toStockholmLocal(isoUtc); // throws on anything that is not a definite instant
    return Date.parse(isoUtc);
  }
}
