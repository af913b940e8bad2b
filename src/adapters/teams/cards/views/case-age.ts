import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { formatDate } from '../../i18n/format-date';

const msPerDay = 86_400_000;

/** Whole calendar days (Europe/Stockholm) from the day `c` arrived to the day of `now`; never negative. */
export function caseAgeInDays(c: Case, now: string, clock: StockholmTime): number {
  const from = Date.parse(clock.toLocal(c.createdAt).date);
  const to = Date.parse(clock.toLocal(now).date);
  return Math.max(0, Math.round((to - from) / msPerDay));
}

/** "i dag", "1 dag", "3 dagar" / "today", "1 day", "3 days", for a queue line. */
export function ageText(c: Case, now: string, lang: Lang, clock: StockholmTime): string {
  return fill(lang, catalogue(lang).age.days, { days: caseAgeInDays(c, now, clock) });
}

/** "2026-11-23 (3 dagar sedan)" / "2026-11-23 (3 days ago)", for the case card. */
export function receivedText(c: Case, now: string, lang: Lang, clock: StockholmTime): string {
  const date = formatDate(lang, clock.toLocal(c.createdAt).date);
  return fill(lang, catalogue(lang).age.receivedDays, { date, days: caseAgeInDays(c, now, clock) });
}

/** The Stockholm date of an instant, as shown on cards. */
export const stockholmDate = (instant: string, clock: StockholmTime): string => clock.toLocal(instant).date;
