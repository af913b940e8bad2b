import type { FieldError } from '../errors';
import { checkFreeText } from '../free-text/check-free-text';
import { containsPersonalIdentityNumber } from '../free-text/personal-identity-number';
import { checkConsentGiver } from '../consent/consent-giver';
import { findSchool, resolveDistrict, type Directory } from '../routing/directory';
import { isUpperSecondary, type ConsultationDraft, type ReportDraft } from './report';

/** Stable names of the report form's fields; the card's input ids are the same strings. */
export const reportFields = [
  'school',
  'reporterRole',
  'pupilInitials',
  'yearGroup',
  'pupilAgeBand',
  'protectedIdentity',
  'homeDistrict',
  'absenceFrom',
  'absenceTo',
  'absenceTotal',
  'absenceUnexcused',
  'longestRun',
  'patterns',
  'concerns',
  'guardiansInformed',
  'pupilHealthInvolved',
  'investigationStartedOn',
  'organiserNotifiedOn',
  'adjustmentsTried',
  'otherSteps',
  'consentGivenBy',
  'consentScope',
  'consentRecipients',
  'consentValidUntil',
  'suspectedHarm',
  'concernReportedOn',
  'description',
] as const;
export type ReportField = (typeof reportFields)[number];

/**
 * The absence figures: given together or not at all. Without them a report needs another concern; the
 * pattern checkboxes are optional either way.
 */
export const absenceFigureFields = ['absenceFrom', 'absenceTo', 'absenceTotal', 'absenceUnexcused', 'longestRun'] as const satisfies readonly ReportField[];

export const consultationFields = ['school', 'reporterRole', 'question'] as const;
export type ConsultationField = (typeof consultationFields)[number];

export const limits = {
  initialsMaxLength: 6,
  descriptionMaxLength: 500,
  questionMaxLength: 500,
  longestRunMaxDays: 200,
} as const;

/**
 * Initials or a local pseudonym: letters, optionally separated by dots, spaces or hyphens. Two words
 * of three or more letters each look like a full name and are refused (domain.md A7).
 */
const initialsShape = /^[\p{L}][\p{L}.\- ]*$/u;
const looksLikeFullName = (s: string): boolean => s.split(/[\s.-]+/).filter((w) => w.length >= 3).length >= 2;

function freeTextErrors<F extends string>(field: F, text: string, maxLength: number): FieldError<F>[] {
  const checked = checkFreeText(field, text, { maxLength, required: false });
  return checked.ok ? [] : checked.error;
}

/**
 * Initials or a local pseudonym, never a name or a personal identity number (domain.md A7, L24): the field's
 * one error, or none. Shared by every form that names a pupil.
 */
export function checkPupilInitials<F extends string>(field: F, value: string): FieldError<F>[] {
  const initials = value.trim();
  // A personal identity number, then a full name, are the most important things to explain: they win over "too long".
  if (containsPersonalIdentityNumber(initials)) return [{ field, code: 'personnummer' }];
  if (looksLikeFullName(initials)) return [{ field, code: 'full_name' }];
  if (initials.length > limits.initialsMaxLength) return [{ field, code: 'too_long', params: { max: limits.initialsMaxLength } }];
  if (!initialsShape.test(initials)) return [{ field, code: 'invalid' }];
  return [];
}

/**
 * Cross-field rules a parsed report must satisfy before a case is created. `today` is the reporter's
 * calendar date (YYYY-MM-DD, Europe/Stockholm). Returns every problem at once, keyed by field.
 */
export function checkReport(r: ReportDraft, dir: Directory, today: string): FieldError<ReportField>[] {
  const errors: FieldError<ReportField>[] = [];
  const school = findSchool(dir, r.schoolId);
  if (!school) errors.push({ field: 'school', code: 'unknown_school' });
  else {
    const form = isUpperSecondary(r.yearGroup) ? 'upper_secondary' : 'compulsory';
    if (!school.forms.includes(form)) errors.push({ field: 'yearGroup', code: 'school_form_mismatch' });
  }

  errors.push(...checkPupilInitials('pupilInitials', r.pupilInitials));

  // The reporter must say where the pupil lives (or that they do not know): nothing is guessed from the school.
  if (r.homeDistrict === undefined) errors.push({ field: 'homeDistrict', code: 'home_district_required' });
  else if (r.homeDistrict.kind === 'district' && !resolveDistrict(dir, r.homeDistrict.district))
    errors.push({ field: 'homeDistrict', code: 'unknown_district' });

  const a = r.absence;
  if (a === undefined) {
    // The remit goes beyond absence (domain.md S0.3): another concern may stand alone, absence alone needs figures.
    if (r.concerns.length === 0)
      errors.push(
        ...absenceFigureFields.map((field): FieldError<ReportField> =>
          field === 'absenceFrom' ? { field, code: 'absence_or_concern_required' } : { field, code: 'required' },
        ),
      );
  } else {
    if (a.from > a.to) errors.push({ field: 'absenceTo', code: 'period_order' });
    if (a.to > today) errors.push({ field: 'absenceTo', code: 'date_in_future' });
    if (a.unexcusedPercent > a.totalPercent) errors.push({ field: 'absenceUnexcused', code: 'unexcused_exceeds_total' });
    if (a.longestRunDays > limits.longestRunMaxDays)
      errors.push({ field: 'longestRun', code: 'out_of_range', params: { min: 0, max: limits.longestRunMaxDays } });
  }

  const s = r.steps;
  if (s.investigationStartedOn !== undefined && s.investigationStartedOn > today)
    errors.push({ field: 'investigationStartedOn', code: 'date_in_future' });
  if (s.organiserNotifiedOn !== undefined) {
    if (s.organiserNotifiedOn > today) errors.push({ field: 'organiserNotifiedOn', code: 'date_in_future' });
    else if (s.investigationStartedOn !== undefined && s.organiserNotifiedOn < s.investigationStartedOn)
      errors.push({ field: 'organiserNotifiedOn', code: 'organiser_before_investigation' });
  }

  // An upper-secondary pupil may be 18: the reporter says so, since only an adult pupil consents themself (L10).
  if (isUpperSecondary(r.yearGroup) && r.pupilAgeBand === undefined) errors.push({ field: 'pupilAgeBand', code: 'required' });
  const c = r.consent;
  const pupil = { yearGroup: r.yearGroup, ...(isUpperSecondary(r.yearGroup) && r.pupilAgeBand ? { ageBand: r.pupilAgeBand } : {}) };
  errors.push(...checkConsentGiver(c.givenBy, pupil, dir.consent).filter((e) => e.field !== 'pupilAgeBand'));
  if (c.givenBy !== 'none') {
    if (c.scope.length === 0) errors.push({ field: 'consentScope', code: 'required' });
    if ((c.recipients ?? []).length === 0) errors.push({ field: 'consentRecipients', code: 'required' });
    if (c.validUntil === undefined) errors.push({ field: 'consentValidUntil', code: 'required' });
    else if (c.validUntil < today) errors.push({ field: 'consentValidUntil', code: 'consent_expired' });
  }

  if (r.suspectedHarm) {
    if (r.concernReportedOn === undefined) errors.push({ field: 'concernReportedOn', code: 'concern_report_date_required' });
    else if (r.concernReportedOn > today) errors.push({ field: 'concernReportedOn', code: 'date_in_future' });
  }

  errors.push(...freeTextErrors('description', r.description, limits.descriptionMaxLength));
  return errors;
}

export function checkConsultation(
  c: ConsultationDraft,
  dir: Directory,
): FieldError<ConsultationField>[] {
  const errors: FieldError<ConsultationField>[] = [];
  if (!findSchool(dir, c.schoolId)) errors.push({ field: 'school', code: 'unknown_school' });
  errors.push(...freeTextErrors('question', c.question, limits.questionMaxLength));
  return errors;
}
