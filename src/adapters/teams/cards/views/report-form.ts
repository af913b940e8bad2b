import type { FieldError } from '../../../../domain/errors';
import {
  absencePatterns,
  ageBands,
  concerns,
  consentGivers,
  consentRecipients,
  consentScopes,
  reporterRoles,
  yearGroups,
} from '../../../../domain/report/report';
import { limits, reportFields, type ReportField } from '../../../../domain/report/rules';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { choicesOf, fieldMessages, type Choice } from './field-messages';
import { schoolChoices } from './school-choices';

export type ReportValues = Partial<Record<ReportField, string>>;

export interface ReportFormInput {
  lang: Lang;
  directory: Directory;
  formId: string;
  /** What the user submitted, kept when the form comes back rejected. */
  values?: ReportValues;
  errors?: readonly FieldError<ReportField>[];
  /** Why the form came back when no field is at fault: the person sent too many reports too fast. */
  refusal?: 'too_many_submissions';
}

const numberFields = new Set<ReportField>(['absenceTotal', 'absenceUnexcused', 'longestRun']);
// No home district is preselected: the reporter must choose (school choice makes the school's district a guess).
const defaults: ReportValues = {
  protectedIdentity: 'false',
  guardiansInformed: 'false',
  pupilHealthInvolved: 'false',
  adjustmentsTried: 'false',
  otherSteps: 'false',
  suspectedHarm: 'false',
};

/** Input.Number takes a number; anything else a client could send back is shown as empty. */
function boundValue(field: ReportField, raw: string | undefined): string | number | null {
  if (!numberFields.has(field)) return raw ?? '';
  const n = raw === undefined || raw.trim() === '' ? Number.NaN : Number(raw.replace(',', '.'));
  return Number.isFinite(n) ? n : null;
}

/** The report form's view: blank, prefilled, or rejected with per-field messages and the user's values. */
export function reportFormView(input: ReportFormInput) {
  const { lang, directory } = input;
  const c = catalogue(lang);
  const merged: ReportValues = { ...defaults, ...input.values };
  const errors = input.errors ?? [];
  const range = (max: number) => fill(lang, c.fieldErrors.out_of_range, { min: 0, max });
  const homeDistricts: Choice[] = [
    ...directory.districts.map((d) => ({
      value: d.code,
      title: `${c.reportForm.homeDistrictPrefix}${d.name}${d.aliases.length > 0 ? ` (${d.aliases.join(', ')})` : ''}`,
    })),
    { value: 'other_municipality', title: c.reportForm.homeOtherMunicipality },
    { value: 'unknown', title: c.reportForm.homeUnknown },
  ];
  return {
    l: {
      ...c.reportForm,
      description: fill(lang, c.reportForm.description, { max: limits.descriptionMaxLength }),
      errorSummary: input.refusal === 'too_many_submissions' ? c.reportForm.tooManySubmissions : c.reportForm.errorSummary,
      required: c.fieldErrors.required,
      homeDistrictRequired: c.fieldErrors.home_district_required,
      absenceTotalRange: range(100),
      absenceUnexcusedRange: range(100),
      longestRunRange: range(limits.longestRunMaxDays),
    },
    formId: input.formId,
    hasErrors: errors.length > 0 || input.refusal !== undefined,
    values: Object.fromEntries(reportFields.map((f) => [f, boundValue(f, merged[f])])),
    errors: fieldMessages(reportFields, errors, lang),
    limits: { description: limits.descriptionMaxLength, longestRun: limits.longestRunMaxDays },
    legal: { reportingDuty: directory.legal.reportingDuty[lang] },
    schools: schoolChoices(directory),
    roles: choicesOf(reporterRoles, c.reporterRoles),
    yearGroups: choicesOf(yearGroups, c.yearGroups),
    homeDistricts,
    patterns: choicesOf(absencePatterns, c.patterns),
    concerns: choicesOf(concerns, c.concerns),
    consentGivers: choicesOf(consentGivers, c.consentGivers),
    consentScopes: choicesOf(consentScopes, c.consentScopes),
    consentRecipients: choicesOf(consentRecipients, c.consentRecipients),
    ageBands: choicesOf(ageBands, c.ageBands),
  };
}
