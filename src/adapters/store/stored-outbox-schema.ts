import { z } from 'zod';
import type { OutboxMessage } from '../../app/outbox/outbox-message';
import { deliveryPurposes } from '../../app/ports/deliveries';
import { deliverySubjectSchema, recipientSchema } from './stored-delivery-schema';

/** An outbox message as both stores keep it (SQLite `outbox_entries.body`, the Cosmos `outbox` items). */
export const storedOutboxMessageSchema = z
  .object({
    key: z.string().min(1),
    lane: z.string().min(1),
    tenantId: z.string().min(1),
    purpose: z.enum(deliveryPurposes),
    payload: z
      .object({
        caseId: z.string().min(1),
        recipient: z.string().min(1),
        to: recipientSchema.optional(),
        subject: deliverySubjectSchema,
      })
      .strict(),
    coalesceKey: z.string().min(1).optional(),
    afterCaseVersion: z.number().int().positive().optional(),
  })
  .strict();

/** Only the message's own fields, without anything a caller's object may carry besides. */
export function storedOutboxMessageOf(m: OutboxMessage): OutboxMessage {
  const stored: OutboxMessage = { key: m.key, lane: m.lane, tenantId: m.tenantId, purpose: m.purpose, payload: structuredClone(m.payload) };
  if (m.coalesceKey !== undefined) stored.coalesceKey = m.coalesceKey;
  if (m.afterCaseVersion !== undefined) stored.afterCaseVersion = m.afterCaseVersion;
  return stored;
}

export const sendLogSchema = z.array(z.number());
