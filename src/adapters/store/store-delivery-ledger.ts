import type { CaseDelivery, DeliveredRecord, DeliveryLedger } from '../../app/ports/deliveries';
import type { CaseStore } from '../../app/ports/case-store';

/** Thrown for a delivery key the ledger cannot tie to a case: every stored delivery belongs to one. */
export class DeliveryKeyError extends Error {
  override readonly name = 'DeliveryKeyError';
}

/** The case id in a key of the form `case:<caseId>:<rest>` (docs/delivery.md); anything else is a bug. */
export function caseIdOfDeliveryKey(key: string): string {
  const caseId = /^case:([^:]+):./.exec(key)?.[1];
  if (caseId === undefined) {
    throw new DeliveryKeyError(`Expected a delivery key of the form case:<caseId>:<what>, found ${JSON.stringify(key.slice(0, 200))}`);
  }
  return caseId;
}

/**
 * The delivery ledger on the case store's delivery records, so that "already delivered" survives a restart.
 * A key counts as delivered once its record is `delivered` with a message id. The first delivery recorded
 * for a key stands, as in InMemoryDeliveryLedger: a message id the cards are updated through does not change.
 */
export class StoreDeliveryLedger implements DeliveryLedger {
  constructor(private readonly store: Pick<CaseStore, 'getDelivery' | 'saveDelivery'>) {}

  async find(key: string): Promise<DeliveredRecord | undefined> {
    const found = await this.store.getDelivery(key);
    if (found?.status !== 'delivered' || found.messageId === undefined) return undefined;
    return { key, messageId: found.messageId, at: found.updatedAt };
  }

  /**
   * Marks the key's record delivered. Without a record (the caller did not save one before sending) it creates
   * a minimal one: the recipient is not known here, so it is empty, and the purpose says only `status`.
   */
  async record(entry: DeliveredRecord): Promise<void> {
    const existing = await this.store.getDelivery(entry.key);
    if (existing?.status === 'delivered' && existing.messageId !== undefined) return;
    const delivered: CaseDelivery = existing
      ? { ...withoutLastStatus(existing), status: 'delivered', messageId: entry.messageId, attempts: Math.max(1, existing.attempts), updatedAt: entry.at }
      : {
          key: entry.key,
          caseId: caseIdOfDeliveryKey(entry.key),
          recipient: '',
          purpose: 'status',
          status: 'delivered',
          messageId: entry.messageId,
          attempts: 1,
          createdAt: entry.at,
          updatedAt: entry.at,
        };
    await this.store.saveDelivery(delivered);
  }
}

/** A failure code from an earlier attempt no longer describes a delivered record; the ledger does not know the 2xx. */
function withoutLastStatus(delivery: CaseDelivery): CaseDelivery {
  const { lastStatus: _stale, ...rest } = delivery;
  return rest;
}
