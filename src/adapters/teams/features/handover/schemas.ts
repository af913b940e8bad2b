import { z } from 'zod';
import { forwardReasons, handoverOutcomes, legalGrounds } from '../../../../domain/handover/handover';

/**
 * Payloads of the handover verbs. Like the case card, every button carries the case id and the version the
 * card showed. Input values arrive as strings (Teams); unknown keys are dropped; an empty choice is ''.
 */
const caseId = z.string().min(1).max(100);
const version = z.coerce.number().int().min(1).max(1_000_000);
const text = z.string().max(4000);
const choice = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.enum(values), z.literal('')]).optional();

/** The team's hand-over form on the case card. */
export const caseHandOverSchema = z.object({
  caseId,
  version,
  handoverSummary: text.optional(),
  handoverGround: choice(legalGrounds),
  handoverUrgent: z.enum(['true', 'false']).optional(),
});
export const handoverViewSchema = z.object({ caseId });
/** `responsibleId`: who takes responsibility, the acknowledger or a colleague of the same unit ('' = me). */
export const handoverAcknowledgeSchema = z.object({ caseId, version, responsibleId: z.string().max(100).optional() });
export const handoverForwardSchema = z.object({ caseId, version, toUnitId: z.string().max(100).optional(), forwardReason: choice(forwardReasons) });
export const handoverRequestInputSchema = z.object({ caseId, version, inputQuestion: text.optional() });
export const handoverReportOutcomeSchema = z.object({ caseId, version, handoverOutcome: choice(handoverOutcomes) });
export const handoverInviteSstSchema = z.object({ caseId, version, inviteGround: choice(legalGrounds) });
export const handoverCloseSchema = z.object({ caseId, version });
export const handoverAnswerInputSchema = z.object({ caseId, questionId: z.string().min(1).max(100), inputAnswer: text.optional() });
/** The team's answer on the exchange card of an investigator's input request (the handover card itself). */
export const handoverGiveInputSchema = z.object({ caseId, version, questionId: z.string().min(1).max(100), inputAnswer: text.optional() });

/** Input ids each verb's card may carry (test/cards checks every input against these). */
export const handoverPayloadSchemas = {
  'case.hand_over': caseHandOverSchema,
  'handover.view': handoverViewSchema,
  'handover.acknowledge': handoverAcknowledgeSchema,
  'handover.forward': handoverForwardSchema,
  'handover.request_input': handoverRequestInputSchema,
  'handover.report_outcome': handoverReportOutcomeSchema,
  'handover.invite_sst': handoverInviteSstSchema,
  'handover.close': handoverCloseSchema,
  'handover.answer_input': handoverAnswerInputSchema,
  'handover.give_input': handoverGiveInputSchema,
} as const;
