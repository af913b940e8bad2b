import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { catalogue, fill, type Lang } from '../../i18n/i18n';

const msPerDay = 86_400_000;

/** Whole calendar days (Europe/Stockholm) from the day `c` arrived to the day of `now`; never negative. */
export function caseAgeInDays(c: Case, now: string, clock: StockholmTime): number {
  const from = Date.parse(clock.toLocal(c.createdAt).date);
  const to = Date.parse(clock.toLocal(now).date);
  return Math.max(0, Math.round((to - from) / msPerDay));
}

/** "3 dagar" / "3 days", for a queue line. */
export function ageText(c: Case, now: string, lang: Lang, clock: StockholmTime): string {
  const l = catalogue(lang).age;
  const days = caseAgeInDays(c, now, clock);
  return days === 0 ? l.today : days === 1 ? l.oneDay : fill(l.days, { days });
}

/** "2026-11-23 (3 dagar sedan)" / "2026-11-23 (3 days ago)", for the case card. */
export function receivedText(c: Case, now: string, lang: Lang, clock: StockholmTime): string {
  const l = catalogue(lang).age;
  const days = caseAgeInDays(c, now, clock);
  const date = clock.toLocal(c.createdAt).date;
  return fill(days === 0 ? l.receivedToday : days === 1 ? l.receivedOneDay : l.receivedDays, { date, days });
}

/** The Stockholm date of an instant, as shown on cards. */
export const stockholmDate = (instant: string, clock: StockholmTime): string => clock.toLocal(instant).date;
