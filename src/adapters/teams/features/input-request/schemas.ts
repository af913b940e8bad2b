import { z } from 'zod';
import type { FieldError } from '../../../../domain/errors';
import { legalGrounds } from '../../../../domain/handover/handover';
import { inputRequestFields, type InputRequestDraft, type InputRequestField } from '../../../../domain/handover/input-request';
import { yearGroups } from '../../../../domain/report/report';
import { FieldReader } from '../field-reader';
import { formIdSchema, inputValue } from '../report/schemas';

/** The input-request form's payload: school, the pupil's initials and year group, the question, the ground. */
export const inputRequestPayloadSchema = z.object({
  formId: formIdSchema,
  ...(Object.fromEntries(inputRequestFields.map((f) => [f, inputValue])) as Record<InputRequestField, typeof inputValue>),
});

export type InputRequestValues = Partial<Record<InputRequestField, string>>;

export type ParsedInputRequest =
  | { kind: 'invalid'; formId: string; values: InputRequestValues; errors: FieldError<InputRequestField>[] }
  | { kind: 'draft'; formId: string; values: InputRequestValues; draft: InputRequestDraft };

export type InputRequestPayload = z.output<typeof inputRequestPayloadSchema>;

/** Reads a submission that parsed with the schema: the typed draft, or the field errors with the values kept. */
export function readInputRequestPayload(payload: InputRequestPayload): ParsedInputRequest {
  const { formId, ...rest } = payload;
  const values: InputRequestValues = {};
  for (const f of inputRequestFields) {
    const v = rest[f];
    if (typeof v === 'string') values[f] = v;
  }
  const r = new FieldReader<InputRequestField>(values);
  const draft: InputRequestDraft = {
    schoolId: r.text('school', { required: true, max: 100 }),
    pupilInitials: r.text('pupilInitials', { required: true, max: 100 }),
    yearGroup: r.oneOf('yearGroup', yearGroups, 0, { required: true }),
    question: r.text('question', { required: true, max: 4000 }),
    legalGround: r.oneOf('legalGround', legalGrounds, 'own_work', { required: true }),
  };
  return r.errors.length > 0 ? { kind: 'invalid', formId, values, errors: r.errors } : { kind: 'draft', formId, values, draft };
}
