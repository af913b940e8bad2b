import type { CaseDelivery, DeliveredRecord, DeliveryLedger } from '../../app/ports/deliveries';
import type { CaseStore } from '../../app/ports/case-store';

/** Thrown for a delivery key that has no delivery record: deliverCaseMessage saves one before every send. */
export class DeliveryKeyError extends Error {
  override readonly name = 'DeliveryKeyError';
}

/**
 * The delivery ledger on the case store's delivery records, so that "already delivered" survives a restart.
 * A key counts as delivered once its record is `delivered` with a message id. The first delivery recorded
 * for a key stands, as in InMemoryDeliveryLedger: a message id the cards are updated through does not change.
 */
export class StoreDeliveryLedger implements DeliveryLedger {
  readonly keepsDeliveryRecords = true;
  constructor(private readonly store: Pick<CaseStore, 'getDelivery' | 'saveDelivery'>) {}

  async find(key: string): Promise<DeliveredRecord | undefined> {
    const found = await this.store.getDelivery(key);
    if (found?.status !== 'delivered' || found.messageId === undefined) return undefined;
    return { key, messageId: found.messageId, at: found.updatedAt };
  }

  /**
   * Marks the key's record delivered. The record exists: deliverCaseMessage (src/app/deliver-case-message.ts),
   * the one place that keeps "once per key", saves it before the send. A key without one is a bug, and this
   * throws rather than guess a case from the key's text.
   */
  async record(entry: DeliveredRecord): Promise<void> {
    const existing = await this.store.getDelivery(entry.key);
    if (existing === undefined) throw new DeliveryKeyError(`Expected a delivery record saved before the send for key ${JSON.stringify(entry.key.slice(0, 200))}, found none`);
    if (existing.status === 'delivered' && existing.messageId !== undefined) return;
    // The whole record as the sender would write it next (address, one more attempt), so that it need not write again.
    const address = entry.address ?? existing.address;
    await this.store.saveDelivery({ ...withoutLastStatus(existing), status: 'delivered', messageId: entry.messageId, attempts: existing.attempts + 1, updatedAt: entry.at, ...(address ? { address } : {}) });
  }
}

/** A failure code from an earlier attempt no longer describes a delivered record; the ledger does not know the 2xx. */
function withoutLastStatus(delivery: CaseDelivery): CaseDelivery {
  const { lastStatus: _stale, ...rest } = delivery;
  return rest;
}
