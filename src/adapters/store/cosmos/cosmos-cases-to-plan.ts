import type { CosmosCall } from './cosmos-call';
import type { CaseContainers } from './cosmos-containers';
import { cosmosStatusOf } from './cosmos-failure';
import { casesToPlanQuery } from './cosmos-queries';
import { toPlanBucket, toPlanCodecOf, toPlanId, type CaseToPlan, type ToPlanKind } from './cosmos-reminder-items';
import type { ItemCodec, Versioned } from './read-modify-write';

/**
 * One list of cases with something planned after the answer, on Cosmos DB: the cases awaiting their reminders
 * (`listCasesAwaitingReminders`) or their first messages (`listCasesAwaitingFirstMessages`), by `kind`. One marker
 * item per case and list in the bucket `to-plan` of `reminders` (docs/cosmos.md, "Planned after the answer"); the
 * two lists never touch each other's markers. No transaction joins a marker to its case, so `createCase` writes the
 * marker first, and a marker may name a case that is not stored (yet).
 */
export class CosmosCasesToPlan {
  private readonly codec: ItemCodec<CaseToPlan>;

  constructor(
    private readonly kind: ToPlanKind,
    private readonly cosmos: CosmosCall,
    private readonly containers: CaseContainers,
    /** `writerGraceMs`: how long after writing its marker a `createCase` may still store the case. */
    private readonly settings: { now: () => number; writerGraceMs: number },
  ) {
    this.codec = toPlanCodecOf(kind);
  }

  /** Puts a case on the list; a marker already there keeps its place. */
  async add(caseId: string, since: string): Promise<void> {
    const { reminders } = this.containers;
    try {
      await this.cosmos('items/create', reminders, () => reminders.items.create(this.codec.encode({ caseId, since })));
    } catch (error) {
      if (cosmosStatusOf(error) !== 409) throw error;
    }
  }

  /** Takes a case off the list, whether it was on it or not. */
  async remove(caseId: string): Promise<void> {
    const { reminders } = this.containers;
    const marker = reminders.item(toPlanId(this.kind, caseId), toPlanBucket);
    try {
      await this.cosmos('items/delete', reminders, () => marker.delete());
    } catch (error) {
      if (cosmosStatusOf(error) !== 404) throw error;
    }
  }

  /**
   * Longest waiting first, at most `limit`. A marker whose case is not stored is left out while its writer may
   * still store the case: a planner that read "no such case" would plan nothing and take the case off the list
   * just before it appears. Once the writer is surely gone, the marker is listed, and planning it removes it.
   */
  async list(limit: number): Promise<string[]> {
    const top = Math.floor(limit);
    if (!(top > 0)) return [];
    const { reminders } = this.containers;
    const pages = reminders.items.query(casesToPlanQuery(this.kind).spec, { partitionKey: toPlanBucket, maxItemCount: top });
    const listed: string[] = [];
    while (listed.length < top && pages.hasMoreResults()) {
      const { resources } = await this.cosmos('executeQuery', reminders, () => pages.fetchNext());
      const markers = resources.map((raw) => this.codec.decode(raw));
      const settled = await Promise.all(markers.map((marker) => this.isSettled(marker)));
      for (const [i, marker] of markers.entries()) if (settled[i] === true && listed.length < top) listed.push(marker.value.caseId);
    }
    return listed;
  }

  /** Whether the marker's case is stored, or can no longer be (the marker's age compares our clock with the server's `_ts`). */
  private async isSettled(marker: Versioned<CaseToPlan>): Promise<boolean> {
    if (this.settings.now() - marker.writtenAtSeconds * 1000 > this.settings.writerGraceMs) return true;
    const { cases } = this.containers;
    const { caseId } = marker.value;
    const read = await this.cosmos('items/read', cases, () => cases.item(caseId, caseId).read());
    return read.resource !== undefined;
  }
}
