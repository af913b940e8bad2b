import type { CaseDelivery } from '../../../app/ports/deliveries';
import type { CosmosCall } from './cosmos-call';
import type { CaseContainers } from './cosmos-containers';
import { cosmosStatusOf } from './cosmos-failure';
import { decodeDeliveryItem, decodeDeliveryPointer, deliveryItem, deliveryItemId, deliveryPointerItem } from './cosmos-delivery-items';
import { deliveriesForCaseQuery, undeliveredQuery } from './cosmos-queries';

/**
 * Delivery records for CosmosCaseStore. Items live in `deliveries`, partitioned by case id; a pointer item
 * key → case id in `case-keys` turns `get(key)` into two point reads and pins each key to one case, since
 * Cosmos ids are unique only within a partition.
 */
export class CosmosDeliveries {
  constructor(
    private readonly cosmos: CosmosCall,
    private readonly containers: CaseContainers,
  ) {}

  /**
   * Pointer first, then the record (upsert). A crash in between leaves a pointer without a record, which
   * reads as "no delivery" until the caller saves again, as it does on its next attempt.
   */
  async save(delivery: CaseDelivery): Promise<void> {
    await this.pinToCase(delivery.key, delivery.caseId);
    const { deliveries } = this.containers;
    await this.cosmos('items/upsert', deliveries, () => deliveries.items.upsert(deliveryItem(delivery)));
  }

  async get(key: string): Promise<CaseDelivery | undefined> {
    const caseId = await this.caseIdOf(key);
    if (caseId === undefined) return undefined;
    const { deliveries } = this.containers;
    const read = await this.cosmos('items/read', deliveries, () => deliveries.item(deliveryItemId(key), caseId).read());
    return read.resource === undefined ? undefined : decodeDeliveryItem(read.resource);
  }

  async listForCase(caseId: string): Promise<CaseDelivery[]> {
    const { deliveries } = this.containers;
    const { spec } = deliveriesForCaseQuery(caseId);
    const { resources } = await this.cosmos('executeQuery', deliveries, () => deliveries.items.query(spec, { partitionKey: caseId }).fetchAll());
    return resources.map(decodeDeliveryItem);
  }

  async listUndelivered(limit: number): Promise<CaseDelivery[]> {
    const top = Math.floor(limit);
    if (!(top > 0)) return [];
    const { deliveries } = this.containers;
    const { spec } = undeliveredQuery(top);
    const { resources } = await this.cosmos('executeQuery', deliveries, () => deliveries.items.query(spec).fetchAll());
    return resources.map(decodeDeliveryItem);
  }

  private async caseIdOf(key: string): Promise<string | undefined> {
    const { keys } = this.containers;
    const id = deliveryItemId(key);
    const read = await this.cosmos('items/read', keys, () => keys.item(id, id).read());
    return read.resource === undefined ? undefined : decodeDeliveryPointer(read.resource).caseId;
  }

  /** Creates the key's pointer if absent; a key already pinned to another case is a bug in the caller. */
  private async pinToCase(key: string, caseId: string): Promise<void> {
    let pinned = await this.caseIdOf(key);
    if (pinned === undefined) {
      const { keys } = this.containers;
      try {
        await this.cosmos('items/create', keys, () => keys.items.create(deliveryPointerItem(key, caseId)));
        return;
      } catch (error) {
        // Another save of the same key created it first: check that it agrees.
        if (cosmosStatusOf(error) !== 409) throw error;
      }
      pinned = await this.caseIdOf(key);
    }
    if (pinned !== caseId) {
      throw new Error(`Delivery key ${key} belongs to case ${pinned ?? '(vanished)'}; it cannot be saved for case ${caseId}`);
    }
  }
}
