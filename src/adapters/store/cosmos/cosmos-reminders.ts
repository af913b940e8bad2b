import { randomUUID } from 'node:crypto';
import type { ClaimedReminder, ReminderClaim } from '../../../app/ports/reminders';
import type { Reminder, ReminderPlan } from '../../../domain/reminders/reminder';
import { assertPlansOfCase, reconcileReminders } from '../../../domain/reminders/reconcile-reminders';
import { snoozeReminder } from '../../../domain/reminders/snooze-reminder';
import type { CosmosCall } from './cosmos-call';
import type { CaseContainers } from './cosmos-containers';
import { cosmosStatusOf } from './cosmos-failure';
import { dueRemindersQuery, pendingInBucketQuery, remindersForCaseQuery } from './cosmos-queries';
import {
  bucketFor,
  bucketOfClaimToken,
  claimTokenOf,
  reminderItemCodec,
  reminderItemId,
  sweepMarkCodec,
  sweepMarkId,
  type ReminderItem,
} from './cosmos-reminder-items';
import { readModifyWrite, type Versioned } from './read-modify-write';

type ClaimRequest = { now: string; instanceId: string; leaseMs: number; limit: number };

const lostRace = (error: unknown): boolean => [404, 409, 412].includes(cosmosStatusOf(error) ?? 0);
const later = (iso: string, ms: number): string => new Date(Date.parse(iso) + ms).toISOString();
const nextDay = (day: string): string => new Date(Date.parse(`${day}T00:00:00.000Z`) + 86_400_000).toISOString().slice(0, 10);
const byDue = (a: Reminder, b: Reminder): number => (a.dueAt < b.dueAt ? -1 : a.dueAt > b.dueAt ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * Reminders for CosmosCaseStore (docs/cosmos.md, "Reminders"). Items live in `reminders`, partitioned by due
 * day; every change is a single-item conditional write (create-if-absent, or replace/delete with If-Match), so
 * of two instances claiming the same reminder exactly one succeeds.
 */
export class CosmosReminders {
  constructor(
    private readonly cosmos: CosmosCall,
    private readonly containers: CaseContainers,
  ) {}

  /** Reconciles, re-reading after a lost race (a sweep claimed one of the items meanwhile). */
  async replace(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<void> {
    assertPlansOfCase(caseId, planned);
    for (let attempt = 0; attempt < 4; attempt += 1) {
      if (await this.tryReplace(caseId, planned, at)) return;
    }
    throw new Error(`Case ${caseId}: its reminders kept changing while being reconciled (four lost races in a row)`);
  }

  async listForCase(caseId: string): Promise<Reminder[]> {
    return (await this.itemsOfCase(caseId)).map((i) => i.value.reminder);
  }

  /** Reads the buckets from the sweep mark to today, claiming with If-Match until `limit` are held. */
  async claimDue({ now, instanceId, leaseMs, limit }: ClaimRequest): Promise<ClaimedReminder[]> {
    const top = Math.floor(limit);
    const mark = await this.readSweepMark();
    if (!(top > 0) || mark === undefined) return [];
    const today = now.slice(0, 10);
    const claimed: ClaimedReminder[] = [];
    for (let bucket = mark.value; bucket <= today && claimed.length < top; bucket = nextDay(bucket)) {
      // Another instance may win some of what we found: ask again, a few times, for what is left.
      for (let round = 0; round < 4 && claimed.length < top; round += 1) {
        const found = await this.dueIn(bucket, now, top - claimed.length);
        let lost = 0;
        for (const item of found) {
          const token = claimTokenOf(bucket, `${instanceId}:${randomUUID()}`);
          const reminder: Reminder = { ...item.value.reminder, attempts: item.value.reminder.attempts + 1, updatedAt: now };
          const until = later(now, leaseMs);
          if (await this.replaceIfMatch({ bucket, reminder, claimToken: token, claimedUntil: until }, item.etag)) {
            claimed.push({ reminder, claim: { reminderId: reminder.id, token, until } });
          } else lost += 1;
        }
        if (lost === 0) break;
      }
    }
    await this.raiseSweepMark(mark, today);
    return claimed;
  }

  /**
   * Snoozes with If-Match, re-reading after a lost race. The item moves to the bucket of its new due day:
   * a sent reminder's old bucket may already lie behind the sweep mark.
   */
  async snooze(caseId: string, reminderId: string, until: string, at: string): Promise<Reminder | undefined> {
    for (let attempt = 0; attempt < 4; attempt += 1) {
      const current = (await this.itemsOfCase(caseId)).find((i) => i.value.reminder.id === reminderId);
      const reminder = current === undefined ? undefined : snoozeReminder(current.value.reminder, until, at);
      if (current === undefined || reminder === undefined) return undefined;
      const bucket = bucketFor(reminder.dueAt, at);
      const next: ReminderItem = { bucket, reminder, claimToken: null, claimedUntil: null };
      try {
        if (bucket !== current.value.bucket) await this.move(current, next);
        else if (!(await this.replaceIfMatch(next, current.etag))) continue;
        return reminder;
      } catch (error) {
        if (!lostRace(error)) throw error;
      }
    }
    throw new Error(`Reminder ${reminderId}: it kept changing while being snoozed (four lost races in a row)`);
  }

  complete(claim: ReminderClaim, outcome: 'sent' | 'resolved', at: string): Promise<boolean> {
    return this.settle(claim, (r) => (outcome === 'sent' ? { ...r, status: 'sent', sentAt: at, updatedAt: at } : { ...r, status: 'resolved', resolvedAt: at, updatedAt: at }));
  }

  release(claim: ReminderClaim, retryAt: string, at: string): Promise<boolean> {
    return this.settle(claim, (r) => ({ ...r, dueAt: retryAt, updatedAt: at }));
  }

  private async settle(claim: ReminderClaim, next: (r: Reminder) => Reminder): Promise<boolean> {
    const bucket = bucketOfClaimToken(claim.token);
    if (bucket === undefined) return false;
    const { reminders } = this.containers;
    const result = await readModifyWrite(
      this.cosmos,
      { container: reminders, id: reminderItemId(claim.reminderId), partitionKey: bucket },
      reminderItemCodec,
      (current) =>
        current === undefined || current.value.reminder.status !== 'pending' || current.value.claimToken !== claim.token
          ? { stop: 'not_held' as const }
          : { write: { bucket, reminder: next(current.value.reminder), claimToken: null, claimedUntil: null } },
      2,
    );
    return result.ok;
  }

  /** One reconciliation round; false when it lost a race and must start again from a fresh read. */
  private async tryReplace(caseId: string, planned: readonly ReminderPlan[], at: string): Promise<boolean> {
    const items = await this.itemsOfCase(caseId);
    const byId = new Map(items.map((i) => [i.value.reminder.id, i]));
    const { created, changed } = reconcileReminders(items.map((i) => i.value.reminder), planned, at);
    const { reminders } = this.containers;
    try {
      for (const reminder of created) {
        const bucket = bucketFor(reminder.dueAt, at);
        await this.lowerSweepMark(bucket);
        await this.cosmos('items/create', reminders, () => reminders.items.create(reminderItemCodec.encode({ bucket, reminder, claimToken: null, claimedUntil: null })));
      }
      for (const reminder of changed) {
        const current = byId.get(reminder.id);
        if (current === undefined) continue;
        const pending = reminder.status === 'pending';
        const claim = pending ? { claimToken: current.value.claimToken, claimedUntil: current.value.claimedUntil } : { claimToken: null, claimedUntil: null };
        const bucket = bucketFor(reminder.dueAt, at);
        // Moving earlier than its bucket would hide it from the sweep until that day: move the item.
        if (pending && bucket < current.value.bucket) await this.move(current, { bucket, reminder, claimToken: null, claimedUntil: null });
        else if (!(await this.replaceIfMatch({ ...current.value, reminder, ...claim }, current.etag))) return false;
      }
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
    return true;
  }

  /**
   * Creates the item in its new bucket, then deletes the old one. A crash in between leaves two pending copies;
   * the next reconciliation of the case keeps the one in the earlier bucket, and the sender is idempotent per
   * reminder id, so even a copy swept meanwhile does not reach anyone twice.
   */
  private async move(current: Versioned<ReminderItem>, next: ReminderItem): Promise<void> {
    const { reminders } = this.containers;
    await this.lowerSweepMark(next.bucket);
    await this.cosmos('items/create', reminders, () => reminders.items.create(reminderItemCodec.encode(next)));
    const old = reminders.item(reminderItemId(next.reminder.id), current.value.bucket);
    await this.cosmos('items/delete', reminders, () => old.delete({ accessCondition: { type: 'IfMatch', condition: current.etag } }));
  }

  private async replaceIfMatch(next: ReminderItem, etag: string): Promise<boolean> {
    const { reminders } = this.containers;
    const item = reminders.item(reminderItemId(next.reminder.id), next.bucket);
    try {
      await this.cosmos('items/replace', reminders, () => item.replace(reminderItemCodec.encode(next), { accessCondition: { type: 'IfMatch', condition: etag } }));
      return true;
    } catch (error) {
      if (lostRace(error)) return false;
      throw error;
    }
  }

  /** A case's items, one per reminder id: of duplicates left by an interrupted move, the earliest bucket's. */
  private async itemsOfCase(caseId: string): Promise<Versioned<ReminderItem>[]> {
    const { reminders } = this.containers;
    const { spec } = remindersForCaseQuery(caseId);
    const { resources } = await this.cosmos('executeQuery', reminders, () => reminders.items.query(spec).fetchAll());
    const kept = new Map<string, Versioned<ReminderItem>>();
    for (const item of resources.map((raw) => reminderItemCodec.decode(raw))) {
      const other = kept.get(item.value.reminder.id);
      if (other === undefined || item.value.bucket < other.value.bucket) kept.set(item.value.reminder.id, item);
    }
    return [...kept.values()].sort((a, b) => byDue(a.value.reminder, b.value.reminder));
  }

  private async dueIn(bucket: string, now: string, top: number): Promise<Versioned<ReminderItem>[]> {
    const { reminders } = this.containers;
    const { spec } = dueRemindersQuery(now, top);
    const { resources } = await this.cosmos('executeQuery', reminders, () => reminders.items.query(spec, { partitionKey: bucket }).fetchAll());
    return resources.map((raw) => reminderItemCodec.decode(raw));
  }

  private async readSweepMark(): Promise<Versioned<string> | undefined> {
    const { keys } = this.containers;
    const read = await this.cosmos('items/read', keys, () => keys.item(sweepMarkId, sweepMarkId).read());
    return read.resource === undefined ? undefined : sweepMarkCodec.decode(read.resource);
  }

  /** Makes sure the sweep reads `bucket`: creates the mark there, or lowers it, before anything is written into it. */
  private async lowerSweepMark(bucket: string): Promise<void> {
    const { keys } = this.containers;
    const result = await readModifyWrite(this.cosmos, { container: keys, id: sweepMarkId, partitionKey: sweepMarkId }, sweepMarkCodec, (current) =>
      current !== undefined && current.value <= bucket ? { stop: 'covered' as const } : { write: bucket },
    5);
    if (!result.ok && !('stopped' in result)) throw new Error(`The reminder sweep mark kept changing while lowering it to ${bucket}`);
  }

  /**
   * Moves the mark past old buckets that hold no pending reminder. It never passes yesterday: a writer whose
   * clock is a little behind may still write into yesterday's bucket. A lost race is left for the next sweep.
   */
  private async raiseSweepMark(mark: Versioned<string>, today: string): Promise<void> {
    const yesterday = new Date(Date.parse(`${today}T00:00:00.000Z`) - 86_400_000).toISOString().slice(0, 10);
    let oldest = mark.value;
    while (oldest < yesterday && !(await this.hasPending(oldest))) oldest = nextDay(oldest);
    if (oldest === mark.value) return;
    const { keys } = this.containers;
    try {
      await this.cosmos('items/replace', keys, () =>
        keys.item(sweepMarkId, sweepMarkId).replace(sweepMarkCodec.encode(oldest), { accessCondition: { type: 'IfMatch', condition: mark.etag } }),
      );
    } catch (error) {
      if (!lostRace(error)) throw error;
    }
  }

  private async hasPending(bucket: string): Promise<boolean> {
    const { reminders } = this.containers;
    const { spec } = pendingInBucketQuery();
    const { resources } = await this.cosmos('executeQuery', reminders, () => reminders.items.query(spec, { partitionKey: bucket }).fetchAll());
    return resources.length > 0;
  }
}
