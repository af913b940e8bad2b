import type { CalendarDate } from '../calendar/calendar-date';
import { checkConsentGiver } from '../consent/consent-giver';
import { isConsentInForce, recipientsOf } from '../consent/consent-scope';
import { err, ok, type FieldError, type Result } from '../errors';
import type { AgeBand, Consent } from '../report/report';
import type { ConsentSettings } from '../routing/directory';
import type { Case, Pupil } from './case';

/** Field names as on the report form, so that the same card inputs can record a consent later. */
export type ConsentField = 'consentGivenBy' | 'consentScope' | 'consentRecipients' | 'consentValidUntil' | 'pupilAgeBand';

export interface CheckedConsent {
  consent: Consent;
  /** The pupil with the age band the form stated, when it stated one. */
  pupil?: Pupil;
}

/**
 * A consent that may be recorded on `c` today: someone who may give it gave it (../consent/consent-giver.ts),
 * it covers something, names to whom it applies and is still valid (domain.md T10, T11, L10). The recorded
 * consent says who recorded it and when; a withdrawal of an earlier consent is replaced by it.
 */
export function checkConsent(
  consent: Consent,
  c: Case,
  ctx: { today: CalendarDate; at: string; actorId: string; settings?: ConsentSettings },
  ageBand?: AgeBand,
): Result<CheckedConsent, FieldError<ConsentField>[]> {
  const errors: FieldError<ConsentField>[] = [];
  const pupil = c.pupil === undefined ? undefined : { ...c.pupil, ...(ageBand ? { ageBand } : {}) };
  if (consent.givenBy === 'none') errors.push({ field: 'consentGivenBy', code: 'required' });
  else if (pupil === undefined) errors.push({ field: 'consentGivenBy', code: 'invalid' });
  else errors.push(...checkConsentGiver(consent.givenBy, pupil, ctx.settings));
  if (consent.scope.length === 0) errors.push({ field: 'consentScope', code: 'required' });
  if ((consent.recipients ?? []).length === 0) errors.push({ field: 'consentRecipients', code: 'required' });
  if (consent.validUntil === undefined) errors.push({ field: 'consentValidUntil', code: 'required' });
  else if (consent.validUntil < ctx.today) errors.push({ field: 'consentValidUntil', code: 'consent_expired' });
  if (errors.length > 0) return err(errors);
  const recorded: Consent = {
    givenBy: consent.givenBy,
    scope: [...new Set(consent.scope)],
    recipients: [...new Set(consent.recipients)],
    ...(consent.validUntil === undefined ? {} : { validUntil: consent.validUntil }),
    recordedAt: ctx.at,
    recordedBy: ctx.actorId,
  };
  return ok({ consent: recorded, ...(pupil ? { pupil } : {}) });
}

/**
 * True when `c` holds a consent that is in force (given, not withdrawn), not expired on `today` and applies to
 * the investigation unit: the only consent a handover or an invitation into an investigation may rest on.
 */
export function hasValidConsent(c: Case, today: CalendarDate): boolean {
  const consent = c.consent;
  return (
    isConsentInForce(consent) &&
    recipientsOf(consent).includes('investigation_unit') &&
    (consent.validUntil === undefined || consent.validUntil >= today)
  );
}
