import type { ItemDefinition } from '@azure/cosmos';
import { z } from 'zod';
import type { CaseDelivery } from '../../../app/ports/deliveries';
import { CorruptRowError, parseStoredValue } from '../corrupt-row-error';
import { storedDeliveryOf, storedDeliverySchema } from '../stored-delivery-schema';
import { cosmosKeyId } from './encode-cosmos-id';
import { splitSystemProperties } from './cosmos-items';

/**
 * Delivery records: one item per delivery key in `deliveries` (partition = case id), plus a pointer item
 * key → case id in `case-keys`, so that `getDelivery(key)` is two point reads and a key can never end up in
 * two partitions. Both ids are `delivery:<encoded key>`: keys hold colons, tenant and user ids.
 */
export const deliveryItemId = (key: string): string => cosmosKeyId('delivery', key);

function bodyOf(container: string, raw: unknown): { id: string; body: Record<string, unknown> } {
  const { id, body } = splitSystemProperties(container, raw);
  const { id: _id, ...rest } = body;
  return { id, body: rest };
}

export const deliveryItem = (delivery: CaseDelivery): ItemDefinition => ({ id: deliveryItemId(delivery.key), ...storedDeliveryOf(delivery) });

export function decodeDeliveryItem(raw: unknown): CaseDelivery {
  const { id, body } = bodyOf('deliveries', raw);
  const delivery = parseStoredValue('deliveries', id, body, storedDeliverySchema);
  // The id is derived from the key: a mismatch means another writer, and the key lookup would miss it.
  if (deliveryItemId(delivery.key) !== id) throw new CorruptRowError('deliveries', id, 'item id does not match its key');
  return delivery;
}

const pointerSchema = z.object({ kind: z.literal('delivery'), caseId: z.string().min(1) }).strict();

export const deliveryPointerItem = (key: string, caseId: string): ItemDefinition => ({ id: deliveryItemId(key), kind: 'delivery', caseId });

export function decodeDeliveryPointer(raw: unknown): { caseId: string } {
  const { body } = bodyOf('case-keys', raw);
  // Key item ids embed tenant and user ids, so errors name the kind of item, not the id.
  return parseStoredValue('case-keys', '(delivery pointer)', body, pointerSchema);
}
