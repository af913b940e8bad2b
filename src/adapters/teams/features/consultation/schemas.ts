import { z } from 'zod';
import type { FieldError } from '../../../../domain/errors';
import { reporterRoles, type ConsultationDraft } from '../../../../domain/report/report';
import { consultationFields, type ConsultationField } from '../../../../domain/report/rules';
import { FieldReader } from '../field-reader';
import { formIdSchema, inputValue } from '../report/schemas';

/** The anonymous consultation card's payload: school, role and a question, nothing about a pupil. */
export const consultationPayloadSchema = z.object({
  formId: formIdSchema,
  ...(Object.fromEntries(consultationFields.map((f) => [f, inputValue])) as Record<ConsultationField, typeof inputValue>),
});

export type ConsultationValues = Partial<Record<ConsultationField, string>>;

export type ParsedConsultation =
  | { kind: 'invalid'; formId: string; values: ConsultationValues; errors: FieldError<ConsultationField>[] }
  | { kind: 'draft'; formId: string; values: ConsultationValues; draft: ConsultationDraft };

export type ConsultationPayload = z.output<typeof consultationPayloadSchema>;

/** Reads a submission that parsed with the schema: the typed draft, or the field errors with the values kept. */
export function readConsultationPayload(payload: ConsultationPayload): ParsedConsultation {
  const { formId, ...rest } = payload;
  const values: ConsultationValues = {};
  for (const f of consultationFields) {
    const v = rest[f];
    if (typeof v === 'string') values[f] = v;
  }
  const r = new FieldReader<ConsultationField>(values);
  const draft: ConsultationDraft = {
    schoolId: r.text('school', { required: true, max: 100 }),
    reporterRole: r.oneOf('reporterRole', reporterRoles, 'other', { required: true }),
    question: r.text('question', { required: true, max: 4000 }),
  };
  return r.errors.length > 0 ? { kind: 'invalid', formId, values, errors: r.errors } : { kind: 'draft', formId, values, draft };
}
