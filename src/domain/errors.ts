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
  | 'home_district_required'
  | 'unexcused_exceeds_total'
  | 'period_order'
  | 'date_in_future'
  | 'date_in_past'
  | 'personnummer'
  | 'full_name'
  | 'consent_expired'
  | 'consent_pupil_under_18'
  | 'consent_from_adult_pupil'
  | 'consent_both_guardians_required'
  | 'concern_report_date_required'
  | 'organiser_before_investigation'
  | 'school_form_mismatch'
  | 'absence_or_concern_required';

/**
 * A business rule that refused an otherwise legal move, as a stable code the card can explain. The move
 * itself may be legal in the current state (so it is not `illegal_transition`), but not here and now.
 */
export const ruleViolations = [
  'not_for_consultation',
  'not_for_input_request',
  'already_assignee',
  'question_pending',
  'no_pending_question',
  'duplicate_question_id',
  'level_unchanged',
  'intensive_not_offered',
  'no_investigation_unit',
  'consent_missing',
  'reporting_duty_under_18_only',
  'no_consent_in_force',
  'handover_not_acknowledged',
  'outcome_needs_handover',
  'merge_into_itself',
  'merge_target_not_open',
  'merge_other_school',
  'merge_not_duplicate',
  'same_unit',
  'unknown_unit',
  'not_in_unit',
  'investigation_not_open',
  'already_invited',
  'no_assignee',
  'absence_investigation_not_applicable',
] as const;
export type RuleViolation = (typeof ruleViolations)[number];

export type DomainError<F extends string = string> =
  | { code: 'invalid_field'; fields: FieldError<F>[] }
  | { code: 'protected_identity' }
  | { code: 'not_authorized' }
  | { code: 'not_found' }
  | { code: 'illegal_transition'; from: string; action: string }
  | { code: 'rule_violation'; rule: RuleViolation }
  | { code: 'conflict' }
  | { code: 'duplicate_submission' };
