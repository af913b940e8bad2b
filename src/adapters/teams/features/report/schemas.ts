import { z } from 'zod';
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
  type AgeBand,
  type Absence,
  type HomeDistrictAnswer,
  type ReportDraft,
} from '../../../../domain/report/report';
import { absenceFigureFields, reportFields, type ReportField } from '../../../../domain/report/rules';
import { FieldReader } from '../field-reader';

/**
 * The report card's Action.Execute payload. teams-ai only asserts the type of card data, so every
 * submission is parsed here. Teams sends input values as strings; some clients send numbers or booleans.
 */
export const inputValue = z.union([z.string().max(4000), z.number(), z.boolean()]).transform(String).optional();
export const formIdSchema = z.string().regex(/^[A-Za-z0-9-]{8,64}$/);
export const reportPayloadSchema = z.object({
  formId: formIdSchema,
  // One optional input per form field; unknown keys are dropped.
  ...(Object.fromEntries(reportFields.map((f) => [f, inputValue])) as Record<ReportField, typeof inputValue>),
});

export type ReportValues = Partial<Record<ReportField, string>>;

export type ParsedReport =
  | { kind: 'invalid'; formId: string; values: ReportValues; errors: FieldError<ReportField>[] }
  | { kind: 'draft'; formId: string; values: ReportValues; draft: ReportDraft };

/** No answer is no answer: "same" (the preselected default of older cards) is not a choice the reporter made. */
function homeDistrictOf(raw: string): HomeDistrictAnswer | undefined {
  if (raw === '' || raw === 'same') return undefined;
  if (raw === 'other_municipality' || raw === 'unknown') return { kind: raw };
  return { kind: 'district', district: raw };
}

const ageBandOf = (raw: AgeBand | ''): Pick<ReportDraft, 'pupilAgeBand'> => (raw === '' ? {} : { pupilAgeBand: raw });
/**
 * The absence figures are optional on the card: none at all is a report about another concern (whether that
 * is allowed is the domain's cross-field rule, rules.ts); once a figure or a pattern is given, all figures are required.
 */
function absenceOf(r: FieldReader<ReportField>, values: ReportValues): Absence | undefined {
  const patterns = r.multi('patterns', absencePatterns);
  const given = patterns.length > 0 || absenceFigureFields.some((f) => (values[f] ?? '').trim() !== '');
  if (!given) return undefined;
  return {
    from: r.date('absenceFrom', { required: true }),
    to: r.date('absenceTo', { required: true }),
    totalPercent: r.number('absenceTotal', { required: true, min: 0, max: 100 }),
    unexcusedPercent: r.number('absenceUnexcused', { required: true, min: 0, max: 100 }),
    longestRunDays: r.number('longestRun', { required: true, min: 0, max: 1000, integer: true }),
    patterns,
  };
}

export type ReportPayload = z.output<typeof reportPayloadSchema>;

/** Reads a submission that parsed with the schema: the typed draft, or the field errors with the values kept. */
export function readReportPayload(payload: ReportPayload): ParsedReport {
  const { formId, ...rest } = payload;
  const values: ReportValues = {};
  for (const f of reportFields) {
    const v = rest[f];
    if (typeof v === 'string') values[f] = v;
  }
  const r = new FieldReader<ReportField>(values);
  const draft: ReportDraft = {
    schoolId: r.text('school', { required: true, max: 100 }),
    reporterRole: r.oneOf('reporterRole', reporterRoles, 'other', { required: true }),
    pupilInitials: r.text('pupilInitials', { required: true, max: 100 }),
    yearGroup: r.oneOf('yearGroup', yearGroups, 0, { required: true }),
    ...ageBandOf(r.oneOf('pupilAgeBand', ['', ...ageBands] as const, '', { required: false })),
    protectedIdentity: r.toggle('protectedIdentity'),
    homeDistrict: homeDistrictOf(r.text('homeDistrict', { required: false, max: 100 })),
    absence: absenceOf(r, values),
    concerns: r.multi('concerns', concerns),
    steps: {
      guardiansInformed: r.toggle('guardiansInformed'),
      pupilHealthInvolved: r.toggle('pupilHealthInvolved'),
      investigationStartedOn: r.date('investigationStartedOn', { required: false }),
      organiserNotifiedOn: r.date('organiserNotifiedOn', { required: false }),
      adjustmentsTried: r.toggle('adjustmentsTried'),
      other: r.toggle('otherSteps'),
    },
    consent: {
      givenBy: r.oneOf('consentGivenBy', consentGivers, 'none', { required: true }),
      scope: r.multi('consentScope', consentScopes),
      recipients: r.multi('consentRecipients', consentRecipients),
      validUntil: r.date('consentValidUntil', { required: false }),
    },
    suspectedHarm: r.toggle('suspectedHarm'),
    concernReportedOn: r.date('concernReportedOn', { required: false }),
    description: r.text('description', { required: false, max: 4000 }),
  };
  // A pupil with protected personal data is refused whatever else the form holds (the use case stores nothing).
  if (r.errors.length > 0 && !draft.protectedIdentity) return { kind: 'invalid', formId, values, errors: r.errors };
  return { kind: 'draft', formId, values, draft };
}
