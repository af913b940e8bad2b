import { z } from 'zod';
import { caseOutcomes } from '../../../../domain/case/case';
import { ageBands, consentGivers } from '../../../../domain/report/report';

/**
 * Payloads of the case card's Action.Execute verbs. Every button carries the case id and the version the
 * card showed, so that a click on a stale card is noticed (someone else changed the case meanwhile).
 * Input values arrive as strings (Teams); unknown keys are dropped.
 */
const caseId = z.string().min(1).max(100);
const version = z.coerce.number().int().min(1).max(1_000_000);
const text = z.string().max(4000);

export const caseRefSchema = z.object({ caseId, version });
export const caseViewSchema = z.object({ caseId });
export const caseAskSchema = z.object({ caseId, version, question: text.optional() });
export const caseConsentSchema = z.object({
  caseId,
  version,
  consentGivenBy: z.enum(consentGivers).optional(),
  consentScope: text.optional(),
  consentRecipients: text.optional(),
  consentValidUntil: text.optional(),
  // Asked only for upper-secondary pupils; an empty choice arrives as ''.
  pupilAgeBand: z.union([z.enum(ageBands), z.literal('')]).optional(),
});
export const caseLevelSchema = z.object({ caseId, version, level: z.enum(['sst', 'intensive']) });
export const caseCloseSchema = z.object({ caseId, version, outcome: z.union([z.enum(caseOutcomes), z.literal('')]).optional() });
export const caseMergeSchema = z.object({ caseId, version, intoCaseId: caseId });
export const caseAnswerSchema = z.object({ caseId, questionId: z.string().min(1).max(100), answer: text.optional() });
export const caseFollowUpSchema = z.object({ caseId, version, followUpOn: z.string().max(20).optional() });
/** Percentages arrive as text from Input.Number; the handler and the domain judge them. */
const figure = z.union([z.string().max(20), z.number()]).optional();
/** The head teacher's two dates (Input.Date sends YYYY-MM-DD, or nothing when left blank). */
export const caseSchoolStepsSchema = z.object({
  caseId,
  investigationStartedOn: z.string().max(20).optional(),
  organiserNotifiedOn: z.string().max(20).optional(),
});
export const caseCheckInSchema = z.object({ caseId, checkInTotal: figure, checkInUnexcused: figure });

/** Input ids the case card and the question card may carry, by verb (test/cards checks every input against these). */
export const casePayloadSchemas = {
  'case.view': caseViewSchema,
  'case.take': caseRefSchema,
  'case.ask': caseAskSchema,
  'case.consent': caseConsentSchema,
  'case.withdraw_consent': caseRefSchema,
  'case.level': caseLevelSchema,
  'case.close': caseCloseSchema,
  'case.merge': caseMergeSchema,
  'case.answer': caseAnswerSchema,
  'case.follow_up': caseFollowUpSchema,
  'case.check_in': caseCheckInSchema,
  'case.school_steps': caseSchoolStepsSchema,
} as const;
