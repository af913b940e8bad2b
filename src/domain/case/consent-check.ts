import type { CalendarDate } from '../calendar/calendar-date';
import { err, ok, type FieldError, type Result } from '../errors';
import { isUpperSecondary, type Consent } from '../report/report';
import type { Case } from './case';

/** Field names as on the report form, so that the same card inputs can record a consent later. */
export type ConsentField = 'consentGivenBy' | 'consentScope' | 'consentValidUntil';

/**
 * A consent that may be recorded on `c` today: someone gave it, it covers something, it is still valid, and
 * only a pupil of 18 or over gives it themself (domain.md T10, T11, L10).
 */
export function checkConsent(consent: Consent, c: Case, today: CalendarDate): Result<Consent, FieldError<ConsentField>[]> {
  const errors: FieldError<ConsentField>[] = [];
  if (consent.givenBy === 'none') errors.push({ field: 'consentGivenBy', code: 'required' });
  if (consent.givenBy === 'pupil' && (c.pupil === undefined || !isUpperSecondary(c.pupil.yearGroup)))
    errors.push({ field: 'consentGivenBy', code: 'consent_pupil_under_18' });
  if (consent.scope.length === 0) errors.push({ field: 'consentScope', code: 'required' });
  if (consent.validUntil === undefined) errors.push({ field: 'consentValidUntil', code: 'required' });
  else if (consent.validUntil < today) errors.push({ field: 'consentValidUntil', code: 'consent_expired' });
  if (errors.length > 0) return err(errors);
  const recorded: Consent = { givenBy: consent.givenBy, scope: [...new Set(consent.scope)] };
  return ok(consent.validUntil === undefined ? recorded : { ...recorded, validUntil: consent.validUntil });
}

/** True when `c` holds a consent that is given and not expired on `today`. */
export function hasValidConsent(c: Case, today: CalendarDate): boolean {
  const consent = c.consent;
  return consent !== undefined && consent.givenBy !== 'none' && (consent.validUntil === undefined || consent.validUntil >= today);
}
