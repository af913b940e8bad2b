import type { Consent, ConsentRecipient, ConsentScope } from '../report/report';

/**
 * A consent lets information across while it is given and not withdrawn (domain.md T11, L19a). Expiry is a
 * matter of the date and is judged where a date is at hand (../case/consent-check.ts `hasValidConsent`).
 */
export const isConsentInForce = (k: Consent | undefined): k is Consent =>
  k !== undefined && k.givenBy !== 'none' && k.withdrawnAt === undefined;

/** To whom the consent applies. One recorded before recipients were asked was for the team only. */
export const recipientsOf = (k: Consent): readonly ConsentRecipient[] => k.recipients ?? ['sst_team'];

/** What the consent lets reach `recipient` now: its scope while in force and addressed to them, else nothing. */
export function scopeFor(k: Consent | undefined, recipient: ConsentRecipient): readonly ConsentScope[] {
  return isConsentInForce(k) && recipientsOf(k).includes(recipient) ? k.scope : [];
}
