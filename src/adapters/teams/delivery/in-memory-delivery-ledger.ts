import type { DeliveredRecord, DeliveryLedger } from '../../../app/ports/deliveries';

/** Delivered keys kept in process memory: survives retries and sweeps, not a restart. */
export class InMemoryDeliveryLedger implements DeliveryLedger {
  readonly keepsDeliveryRecords = false;
  private readonly records = new Map<string, DeliveredRecord>();

  async find(key: string): Promise<DeliveredRecord | undefined> {
    return this.records.get(key);
  }

  async record(entry: DeliveredRecord): Promise<void> {
    if (!this.records.has(entry.key)) this.records.set(entry.key, { ...entry });
  }
}
