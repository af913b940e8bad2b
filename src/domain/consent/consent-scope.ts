import type { CalendarDate } from '../calendar/calendar-date';
import type { Consent, ConsentRecipient, ConsentScope } from '../report/report';

/**
 * A consent lets information across while it is given and not withdrawn (domain.md T11, L19a). Expiry is a
 * matter of the date and is judged where a date is at hand (`scopeFor`, ../case/consent-check.ts).
 */
export const isConsentInForce = (k: Consent | undefined): k is Consent =>
  k !== undefined && k.givenBy !== 'none' && k.withdrawnAt === undefined;

/** To whom the consent applies. One recorded before recipients were asked was for the team only. */
export const recipientsOf = (k: Consent): readonly ConsentRecipient[] => k.recipients ?? ['sst_team'];

/**
 * What the consent lets reach `recipient`: its scope while in force, addressed to them and, when `today` is
 * given, not past its valid-until; else nothing.
 */
export function scopeFor(k: Consent | undefined, recipient: ConsentRecipient, today?: CalendarDate): readonly ConsentScope[] {
  if (!isConsentInForce(k) || !recipientsOf(k).includes(recipient)) return [];
  const expired = today !== undefined && k.validUntil !== undefined && k.validUntil < today;
  return expired ? [] : k.scope;
}
