import type { z } from 'zod';
import type { CaseCommand } from '../../../../app/act-on-case';
import type { FieldError } from '../../../../domain/errors';
import { consentRecipients, consentScopes, type Consent, type ConsentRecipient, type ConsentScope } from '../../../../domain/report/report';
import type { caseAskSchema, caseCloseSchema, caseConsentSchema } from './schemas';

const isoDate = /^\d{4}-\d{2}-\d{2}$/;
const isScope = (s: string): s is ConsentScope => consentScopes.some((x) => x === s);
const isRecipient = (s: string): s is ConsentRecipient => consentRecipients.some((x) => x === s);
const listOf = (raw: string | undefined): string[] => (raw ?? '').split(',').map((s) => s.trim());

/** The consent form's inputs as a Consent; the domain's consent check says what is missing or wrong. */
export function consentOf(data: z.infer<typeof caseConsentSchema>): Consent {
  const scope = listOf(data.consentScope).filter(isScope);
  const recipients = listOf(data.consentRecipients).filter(isRecipient);
  const validUntil = data.consentValidUntil?.trim();
  return {
    givenBy: data.consentGivenBy ?? 'none',
    scope,
    recipients,
    ...(validUntil !== undefined && isoDate.test(validUntil) ? { validUntil } : {}),
  };
}

export const askActionOf = (data: z.infer<typeof caseAskSchema>, questionId: string): CaseCommand => ({
  type: 'ask_reporter',
  questionId,
  text: data.question ?? '',
});

export type CloseParse = { ok: true; action: CaseCommand } | { ok: false; errors: FieldError<'outcome'>[] };

export function closeActionOf(data: z.infer<typeof caseCloseSchema>): CloseParse {
  const outcome = data.outcome;
  if (outcome === undefined || outcome === '') return { ok: false, errors: [{ field: 'outcome', code: 'required' }] };
  return { ok: true, action: { type: 'close', outcome } };
}

/** The domain names the question's text `text`; the cards call the input `question` or `answer`. */
export const renameTextField = <F extends string>(errors: readonly FieldError[], to: F): FieldError[] =>
  errors.map((e) => (e.field === 'text' ? { ...e, field: to } : e));
