import { z } from 'zod';
import { caseStatusMessages } from '../../app/ports/messenger';
import { deliveryPurposes, deliveryStatuses, type CaseDelivery } from '../../app/ports/deliveries';
import { withLegacyFields } from './legacy-delivery-fields';

export const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team_inbox'), teamId: z.string().min(1) }).strict(),
  z.object({ kind: z.literal('person'), tenantId: z.string().min(1), userId: z.string().min(1) }).strict(),
]);

/** A delivery's subject as stored (also on outbox entries, stored-outbox-schema.ts). */
export const deliverySubjectSchema = z.discriminatedUnion('what', [
  z.object({ what: z.literal('case_card') }).strict(),
  z.object({ what: z.literal('handover_card'), unitId: z.string().min(1) }).strict(),
  z.object({ what: z.literal('input_request_card') }).strict(),
  z.object({ what: z.literal('status'), status: z.enum(caseStatusMessages) }).strict(),
  z.object({ what: z.literal('question'), questionId: z.string().min(1) }).strict(),
  z.object({ what: z.literal('input'), questionId: z.string().min(1) }).strict(),
  z.object({ what: z.literal('reminder'), reminderId: z.string().min(1), snoozedUntil: z.string().optional() }).strict(),
]);
const storedDeliverySubjectSchema = z.union([deliverySubjectSchema, z.object({ what: z.literal('unrecognised') }).strict()]);

/**
 * A delivery record as read back from a store. Strict, like the case schema: an unknown key means other code
 * wrote the row, and dropping it silently would lose data on the next save. A record written before `to` and
 * `subject` were stored gets them from legacy-delivery-fields.ts.
 */
export const storedDeliverySchema = z
  .object({
    key: z.string().min(1),
    caseId: z.string().min(1),
    recipient: z.string(),
    to: recipientSchema.optional(),
    purpose: z.enum(deliveryPurposes),
    subject: storedDeliverySubjectSchema.optional(),
    status: z.enum(deliveryStatuses),
    // DeliveryAddress is read-only to everyone but the Teams adapter.
    address: z.object({ transport: z.string().min(1), value: z.string() }).strict().readonly().optional(),
    messageId: z.string().optional(),
    attempts: z.number().int().nonnegative(),
    lastStatus: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict()
  .transform(({ subject, to, ...rest }): CaseDelivery =>
    subject === undefined ? withLegacyFields(rest) : { ...rest, ...(to ? { to } : {}), subject },
  );

/**
 * The delivery as stored: only the fields of `CaseDelivery`, with optional fields left out rather than
 * written as `undefined`, and the address copied so that the caller's object is not shared.
 */
export function storedDeliveryOf(d: CaseDelivery): CaseDelivery {
  const stored: CaseDelivery = {
    key: d.key,
    caseId: d.caseId,
    recipient: d.recipient,
    purpose: d.purpose,
    subject: { ...d.subject },
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  if (d.to !== undefined) stored.to = { ...d.to };
  if (d.address !== undefined) stored.address = { transport: d.address.transport, value: d.address.value };
  if (d.messageId !== undefined) stored.messageId = d.messageId;
  if (d.lastStatus !== undefined) stored.lastStatus = d.lastStatus;
  return stored;
}

// Compile-time guard: if CaseDelivery changes, this schema must change with it, or tsc fails here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _deliverySchemaMatchesDelivery: Same<z.infer<typeof storedDeliverySchema>, CaseDelivery> = true;
