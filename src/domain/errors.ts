/** Expected outcomes are values: a use case returns `ok` or one of these errors, never throws them. */
export type Result<T, E> = { ok: true; value: T } | { ok: false; error: E };

export const ok = <T>(value: T): { ok: true; value: T } => ({ ok: true, value });
export const err = <E>(error: E): { ok: false; error: E } => ({ ok: false, error });

/** A problem with one field of a form, keyed by the field's stable name. */
export interface FieldError<F extends string = string> {
  field: F;
  code: FieldErrorCode;
  /** Extra values the message needs (a limit, a channel text); never pupil data. */
  params?: Record<string, string | number>;
}

export type FieldErrorCode =
  | 'required'
  | 'invalid'
  | 'out_of_range'
  | 'too_long'
  | 'unknown_school'
  | 'unknown_district'
  | 'unexcused_exceeds_total'
  | 'period_order'
  | 'date_in_future'
  | 'personnummer'
  | 'full_name'
  | 'consent_expired'
  | 'consent_pupil_under_18'
  | 'concern_report_date_required'
  | 'organiser_before_investigation'
  | 'school_form_mismatch';

export type DomainError<F extends string = string> =
  | { code: 'invalid_field'; fields: FieldError<F>[] }
  | { code: 'protected_identity' }
  | { code: 'not_authorized' }
  | { code: 'not_found' }
  | { code: 'illegal_transition'; from: string; action: string }
  | { code: 'conflict' }
  | { code: 'duplicate_submission' };
