import type { ItemDefinition } from '@azure/cosmos';
import { z } from 'zod';
import type { AuditEntry } from '../../../app/ports/audit';
import type { StockholmTime } from '../../../app/ports/clock';
import type { DeliveryAddress, StoredAddress } from '../../../app/ports/addresses';
import type { Case } from '../../../domain/case/case';
import { CorruptRowError, parseStoredValue } from '../corrupt-row-error';
import { storedAuditDetailSchema, storedCaseSchema } from '../stored-case-schema';
import { cosmosKeyId } from './encode-cosmos-id';
import { statisticsRowOf } from '../../../domain/statistics/case-statistics-row';
import type { ItemCodec } from './read-modify-write';

/**
 * How values map to items. A case item is the case itself (its id is the item id and the partition key);
 * lookup items in `case-keys` have deterministic ids built with `cosmosKeyId`; audit items add a random id
 * and their month. Reading strips Cosmos' system properties and parses the rest with this build's schema.
 */
const systemPropertiesSchema = z.object({ id: z.string().min(1), _etag: z.string().min(1), _ts: z.number() }).passthrough();

/** The item's id, concurrency token, server write time and everything else; names `container` when it fails. */
export function splitSystemProperties(container: string, raw: unknown) {
  const parsed = systemPropertiesSchema.safeParse(raw);
  if (!parsed.success) throw new CorruptRowError(container, '(unknown id)', 'item lacks id, _etag or _ts', { cause: parsed.error });
  const { _rid: _r, _self: _s, _etag, _attachments: _a, _ts, ...body } = parsed.data;
  return { id: parsed.data.id, etag: _etag, writtenAtSeconds: _ts, body };
}

/**
 * A case item also carries `statistics`, the case's non-personal statistics row (docs/statistics.md), dated in
 * Stockholm by `stockholm`, rewritten with every write of the case and dropped when the case is read back.
 */
export function caseCodecOf(stockholm: StockholmTime): ItemCodec<Case> {
  return {
    decode(raw) {
      const { id, etag, writtenAtSeconds, body } = splitSystemProperties('cases', raw);
      const { statistics: _statistics, ...stored } = body;
      return { value: parseStoredValue('cases', id, stored, storedCaseSchema), etag, writtenAtSeconds };
    },
    encode: (value): ItemDefinition => ({
      ...structuredClone(value),
      statistics: statisticsRowOf(value, (instant) => stockholm.toLocal(instant)),
    }),
  };
}

/** Who holds a submission key: the case id that the first request for it is creating (or created). */
export interface SubmissionClaim {
  caseId: string;
}

export const submissionClaimId = (submissionKey: string): string => cosmosKeyId('submission', submissionKey);
export const referencePointerId = (reference: string): string => cosmosKeyId('reference', reference);
export const runningNumberId = (districtCode: string, year: number): string => cosmosKeyId('sequence', districtCode, String(year));

const claimSchema = z.object({ kind: z.literal('submission'), caseId: z.string().min(1) });
const pointerSchema = z.object({ kind: z.literal('reference'), caseId: z.string().min(1) });
const runningNumberSchema = z.object({ kind: z.literal('sequence'), last: z.number().int().positive() });

// Key item ids embed tenant and user ids, so errors name the kind of item, not the id.
export function claimCodec(id: string): ItemCodec<SubmissionClaim> {
  return {
    decode(raw) {
      const { etag, writtenAtSeconds, body } = splitSystemProperties('case-keys', raw);
      const { caseId } = parseStoredValue('case-keys', '(submission claim)', body, claimSchema);
      return { value: { caseId }, etag, writtenAtSeconds };
    },
    encode: (value) => ({ id, kind: 'submission', caseId: value.caseId }),
  };
}

export const referencePointerItem = (reference: string, caseId: string): ItemDefinition => ({
  id: referencePointerId(reference),
  kind: 'reference',
  caseId,
});

export function decodeReferencePointer(raw: unknown): { caseId: string } {
  const { body } = splitSystemProperties('case-keys', raw);
  return parseStoredValue('case-keys', '(reference pointer)', body, pointerSchema);
}

export const firstRunningNumberItem = (districtCode: string, year: number): ItemDefinition => ({
  id: runningNumberId(districtCode, year),
  kind: 'sequence',
  last: 1,
});

export function decodeRunningNumber(raw: unknown): number {
  const { body } = splitSystemProperties('case-keys', raw);
  return parseStoredValue('case-keys', '(running number)', body, runningNumberSchema).last;
}

export const addressItemId = (key: string): string => cosmosKeyId('address', key);

const addressSchema = z.object({
  kind: z.literal('address'),
  address: z.object({ transport: z.string().min(1), value: z.string() }).strict(),
  updatedAt: z.string(),
});

export const addressItem = (key: string, address: DeliveryAddress, updatedAt: string): ItemDefinition => ({
  id: addressItemId(key),
  kind: 'address',
  address: { transport: address.transport, value: address.value },
  updatedAt,
});

export function decodeAddressItem(raw: unknown): StoredAddress {
  const { body } = splitSystemProperties('case-keys', raw);
  const { address, updatedAt } = parseStoredValue('case-keys', '(address)', body, addressSchema);
  return { address, updatedAt };
}

const auditBodySchema = z
  .object({
    id: z.string(),
    month: z.string(),
    at: z.string(),
    actorId: z.string(),
    action: z.string(),
    caseId: z.string().optional(),
    detail: storedAuditDetailSchema.optional(),
  })
  .strict();

/** The audit partition of an instant: its UTC month, `2026-11`. */
export function auditMonthOf(at: string): string {
  const month = /^(\d{4}-\d{2})-\d{2}T/.exec(at)?.[1];
  if (month === undefined) throw new Error(`Audit entry time must be an ISO UTC instant, found ${JSON.stringify(at.slice(0, 40))}`);
  return month;
}

export function auditItem(id: string, entry: AuditEntry): ItemDefinition {
  const item: ItemDefinition = { id, month: auditMonthOf(entry.at), at: entry.at, actorId: entry.actorId, action: entry.action };
  if (entry.caseId !== undefined) item['caseId'] = entry.caseId;
  if (entry.detail !== undefined) item['detail'] = { ...entry.detail };
  return item;
}

export function decodeAuditItem(raw: unknown): AuditEntry {
  const { id, body } = splitSystemProperties('audit', raw);
  const { id: _id, month: _month, ...stored } = parseStoredValue('audit', id, body, auditBodySchema);
  const entry: AuditEntry = { at: stored.at, actorId: stored.actorId, action: stored.action };
  if (stored.caseId !== undefined) entry.caseId = stored.caseId;
  if (stored.detail !== undefined) entry.detail = stored.detail;
  return entry;
}

