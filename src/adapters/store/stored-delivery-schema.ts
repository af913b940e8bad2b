import { z } from 'zod';
import { deliveryPurposes, deliveryStatuses, type CaseDelivery } from '../../app/ports/deliveries';

/**
 * A delivery record as read back from a store. Strict, like the case schema: an unknown key means other code
 * wrote the row, and dropping it silently would lose data on the next save.
 */
export const storedDeliverySchema = z
  .object({
    key: z.string().min(1),
    caseId: z.string().min(1),
    recipient: z.string(),
    purpose: z.enum(deliveryPurposes),
    status: z.enum(deliveryStatuses),
    // DeliveryAddress is read-only to everyone but the Teams adapter.
    address: z.object({ transport: z.string().min(1), value: z.string() }).strict().readonly().optional(),
    messageId: z.string().optional(),
    attempts: z.number().int().nonnegative(),
    lastStatus: z.string().optional(),
    createdAt: z.string(),
    updatedAt: z.string(),
  })
  .strict();

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
    status: d.status,
    attempts: d.attempts,
    createdAt: d.createdAt,
    updatedAt: d.updatedAt,
  };
  if (d.address !== undefined) stored.address = { transport: d.address.transport, value: d.address.value };
  if (d.messageId !== undefined) stored.messageId = d.messageId;
  if (d.lastStatus !== undefined) stored.lastStatus = d.lastStatus;
  return stored;
}

// Compile-time guard: if CaseDelivery changes, this schema must change with it, or tsc fails here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _deliverySchemaMatchesDelivery: Same<z.infer<typeof storedDeliverySchema>, CaseDelivery> = true;
