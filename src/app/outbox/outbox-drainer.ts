import type { CaseDelivery } from '../ports/deliveries';
import type { CaseStore } from '../ports/case-store';
import type { Clock } from '../ports/clock';
import type { OutboxEntry } from './outbox-message';
import { entryRefOf } from './outbox-message';
import { defaultOutboxRetryPolicy, outboxBackoffMs, type OutboxRetryPolicy } from './outbox-retry';
import type { OutboxSender, OutboxSendResult, PreviousMessage } from './outbox-sender';
import type { LaneLease, OutboxStore } from './outbox-store';
import { teamsSendLimits, type SendLimits, type SlotRefusal } from './send-window';

/**
 * The drainer's own time: `now` paces the sends (send windows, leases, pauses: epoch ms, shared by every
 * instance through the store, so the machine's clock in production) and `schedule` runs `run` once after
 * `delayMs` (the returned function cancels it). The app's Clock only dates the delivery records.
 */
export interface DrainTimer {
  now(): number;
  schedule(delayMs: number, run: () => void): () => void;
}


/** What the drainer did, for logs and metrics: delivery keys and statuses only, never content. */
export type OutboxEvent =
  | { event: 'outbox.delivered' | 'outbox.updated' | 'outbox.already_delivered' | 'outbox.obsolete' | 'outbox.not_committed'; deliveryKey: string }
  | { event: 'outbox.unreachable' | 'outbox.failed'; deliveryKey: string; lastStatus: string }
  | { event: 'outbox.retrying'; deliveryKey: string; attempts: number; lastStatus: string; delayMs: number }
  | { event: 'outbox.claimed'; lanes: number };

export interface OutboxDrainerDeps {
  store: OutboxStore;
  /** The delivery records: whether a key was delivered and where its message is (settles write them). */
  records: Pick<CaseStore, 'getDelivery' | 'saveAddress'>;
  sender: OutboxSender;
  clock: Clock;
  timer: DrainTimer;
  random: () => number;
  /** The stored version of a case, for entries enqueued ahead of their case write (`afterCaseVersion`). */
  caseVersion: (caseId: string) => Promise<number | undefined>;
  onEvent?: (event: OutboxEvent) => void;
  /** A store failure while draining; the drainer tries again after `errorDelayMs`. */
  onError: (error: unknown) => void;
}

export interface OutboxDrainerOptions {
  /** Names this instance in leases (for operators); unique per process. */
  owner: string;
  leaseMs: number;
  /** Lanes drained at once by this instance. */
  maxLanes: number;
  /** Messages sent from one lane before it is released, so that other instances get a turn. */
  maxPerClaim: number;
  limits: SendLimits;
  retry: OutboxRetryPolicy;
  /** How long an entry waits for its case write (`afterCaseVersion`) before it counts as never committed. */
  commitGraceMs: number;
  /** Wakes at least this often to pick up what other instances enqueued. */
  idlePollMs: number;
  errorDelayMs: number;
}

export const defaultOutboxDrainerOptions: Omit<OutboxDrainerOptions, 'owner'> = {
  leaseMs: 30_000,
  maxLanes: 32,
  maxPerClaim: 20,
  limits: teamsSendLimits,
  retry: defaultOutboxRetryPolicy,
  commitGraceMs: 60_000,
  idlePollMs: 15_000,
  errorDelayMs: 5_000,
};

type Step = 'next' | 'stop';

/**
 * Sends what the outbox holds: claims conversation lanes, sends each lane's messages in order within the
 * shared send limits, records each delivery under its key and removes it from the outbox. A pending message
 * costs a row; the drainer holds one timer, set to the next time something can be sent, and `wake()`.
 */
export class OutboxDrainer {
  private readonly options: OutboxDrainerOptions;
  private cancelTimer: (() => void) | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = true;
  /** Set by `stop()`: lanes being drained send nothing more and are released. */
  private stopping = false;
  /** Per tenant, the times its budget frees a send that were given to lanes it held back (`turnAt`). */
  private readonly promised = new Map<string, number[]>();

  constructor(
    private readonly deps: OutboxDrainerDeps,
    options: Partial<OutboxDrainerOptions> & { owner: string },
  ) {
    this.options = { ...defaultOutboxDrainerOptions, ...options };
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.schedule(0);
  }

  /** Something was enqueued: drain now (or right after the round in progress). */
  wake(): void {
    if (this.stopped) return;
    if (this.running) this.again = true;
    else this.schedule(0);
  }

  /**
   * Stops the timer; each lane of the round in progress finishes its send in flight and is released. What is
   * left stays in the outbox.
   */
  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    this.cancelTimer?.();
    this.cancelTimer = undefined;
    await this.running;
  }

  /**
   * Drains until nothing can be sent now: what waits for a send window, a pause or a backoff stays queued,
   * unless `throughPauses`, which waits those out on the timer until the outbox is empty. Tests and the
   * benchmark wait on it after a turn; production never needs to.
   */
  async idle(options: { throughPauses?: boolean } = {}): Promise<void> {
    for (;;) {
      if (this.running) {
        await this.running;
        continue;
      }
      const next = await this.drainOnce();
      if (this.running) continue;
      if (next === undefined) return;
      const waitMs = next - this.now();
      if (waitMs <= 0) continue;
      if (options.throughPauses !== true) return;
      await new Promise<void>((resolve) => this.deps.timer.schedule(waitMs, resolve));
    }
  }

  /** One round: claims lanes, drains them, and answers when the next round is due (epoch ms), if ever. */
  async drainOnce(): Promise<number | undefined> {
    const { store } = this.deps;
    const { owner, leaseMs, maxLanes } = this.options;
    const leases = await store.claimLanes({ now: this.now(), owner, leaseMs, limit: maxLanes });
    if (leases.length > 0) this.deps.onEvent?.({ event: 'outbox.claimed', lanes: leases.length });
    // Every lane ends before the round does, even when one fails: `stop()` waits for the round, and a lane
    // still sending after it would write to a closed store.
    const ended = await Promise.allSettled(leases.map((lease) => this.drainLane(lease)));
    const failed = ended.find((r): r is PromiseRejectedResult => r.status === 'rejected');
    if (failed !== undefined) throw failed.reason;
    return store.nextDueAt();
  }

  private schedule(delayMs: number): void {
    this.cancelTimer?.();
    this.cancelTimer = this.deps.timer.schedule(Math.max(0, delayMs), () => {
      this.cancelTimer = undefined;
      this.running ??= this.loop().finally(() => {
        this.running = undefined;
      });
    });
  }

  private async loop(): Promise<void> {
    let delay: number;
    try {
      let next: number | undefined;
      do {
        this.again = false;
        next = await this.drainOnce();
      } while (this.again && !this.stopped);
      delay = next === undefined ? this.options.idlePollMs : Math.min(this.options.idlePollMs, next - this.now());
    } catch (error) {
      this.deps.onError(error);
      delay = this.options.errorDelayMs;
    }
    if (!this.stopped) this.schedule(this.again ? 0 : delay);
  }

  private async drainLane(lease: LaneLease): Promise<void> {
    const { store } = this.deps;
    try {
      for (let sent = 0; sent < this.options.maxPerClaim && !this.stopping; sent += 1) {
        // Leave a margin so that a send never runs past the lease (another instance may claim the lane then).
        if (this.now() >= lease.until - this.options.leaseMs / 4) break;
        const head = await store.headOfLane(lease);
        if (head === undefined || (await this.attempt(lease, head)) === 'stop') break;
      }
    } finally {
      await store.releaseLane(lease, this.now());
    }
  }

  private async attempt(lease: LaneLease, entry: OutboxEntry): Promise<Step> {
    const { store, records } = this.deps;
    if (entry.afterCaseVersion !== undefined) {
      const gate = await this.checkCommitted(lease, entry, entry.afterCaseVersion);
      if (gate !== 'committed') return gate;
    }
    const recorded = await records.getDelivery(entry.key);
    const delivered = recorded?.status === 'delivered' && recorded.messageId !== undefined ? recorded : undefined;
    let previous: PreviousMessage | undefined;
    if (delivered !== undefined) {
      // Sent before (a crash between sending and settling, or the same key queued again): never twice.
      if (entry.coalesceKey === undefined || delivered.address === undefined || delivered.messageId === undefined) {
        this.emit({ event: 'outbox.already_delivered', deliveryKey: entry.key });
        return this.settle(lease, entry);
      }
      previous = { messageId: delivered.messageId, address: delivered.address };
    }

    const slot = await store.takeSendSlot(lease, this.options.limits, this.now());
    if (!slot.ok) {
      if ('retryAt' in slot) await store.pauseLane(lease, this.turnAt(lease.tenantId, slot));
      return 'stop';
    }
    const result = await this.sendWithinLease(lease, entry, previous);
    const step = await this.finish(lease, entry, recorded, previous, result);
    // One send per turn while other lanes wait for the tenant's budget: this lane waits behind them.
    const behind = step === 'next' ? this.behindWaiting(lease.tenantId) : undefined;
    if (behind === undefined) return step;
    await store.pauseLane(lease, behind);
    return 'stop';
  }

  /**
   * When other lanes of the tenant wait for its budget (times given by `turnAt` still ahead), the time just after
   * the last of them, given to a lane that has just sent: otherwise a lane claimed when several sends are free
   * takes them all (up to its own limits) while the lanes behind it wait another second.
   */
  private behindWaiting(tenantId: string): number | undefined {
    const promised = this.promisedAhead(tenantId);
    if (promised.length === 0) return undefined;
    const at = Math.max(...promised) + 1;
    this.promised.set(tenantId, [...promised, at]);
    return at;
  }

  /**
   * When a lane held back tries again. Held back by the tenant's budget: at the first send that budget frees which
   * is not yet given to a lane held back before it (by this instance), so that each freed send is taken by one
   * lane instead of being fought over by every waiting lane in round after round; beyond what the log tells, a
   * freed send frees again one window later. The lane's own delay (a millisecond per send it just made,
   * `decideSlot`) still orders lanes given the same time. A time given earlier counts only if it is not before
   * the send it was given (a time before the budget's next free send went to a lane that was then held back
   * again). Other instances' lanes may take a given send first: the store's logs decide, and the lane waits again.
   */
  private turnAt(tenantId: string, refusal: SlotRefusal): number {
    const frees = refusal.tenantFreesAt ?? [];
    const first = frees[0];
    if (first === undefined) return refusal.retryAt;
    const windowMs = Math.max(0, ...this.options.limits.perTenant.map((l) => l.windowMs));
    const freeAt = (k: number) => (frees[k % frees.length] ?? first) + windowMs * Math.floor(k / frees.length);
    const promised = this.promisedAhead(tenantId).sort((x, y) => x - y);
    let next = 0;
    for (const at of promised) if (freeAt(next) <= at) next += 1;
    const at = freeAt(next) + (refusal.retryAt - first);
    this.promised.set(tenantId, [...promised, at]);
    return at;
  }

  /** The times given to the tenant's waiting lanes (`turnAt`, `behindWaiting`) that are still ahead. */
  private promisedAhead(tenantId: string): number[] {
    const now = this.now();
    return (this.promised.get(tenantId) ?? []).filter((at) => at > now);
  }

  /**
   * The send, or no response when the lease's last eighth begins first: a send that needs several Bot Connector
   * calls (a chat created first, each call with its own timeout) must not outlast the lease, or another instance
   * could take the lane and send into it at the same time. The call itself is left to finish or not (a late
   * answer that did deliver is why a retry can, rarely, arrive twice).
   */
  private sendWithinLease(lease: LaneLease, entry: OutboxEntry, previous: PreviousMessage | undefined): Promise<OutboxSendResult> {
    const leftMs = lease.until - this.options.leaseMs / 8 - this.now();
    return new Promise((resolve, reject) => {
      const cancel = this.deps.timer.schedule(Math.max(0, leftMs), () => resolve({ status: 'retry', lastStatus: 'no_response' }));
      this.deps.sender.send(entry, previous).then(
        (result) => {
          cancel();
          resolve(result);
        },
        (error: unknown) => {
          cancel();
          reject(error);
        },
      );
    });
  }

  private async finish(
    lease: LaneLease,
    entry: OutboxEntry,
    recorded: CaseDelivery | undefined,
    previous: PreviousMessage | undefined,
    result: OutboxSendResult,
  ): Promise<Step> {
    const { store, records } = this.deps;
    const now = this.now();
    const at = this.deps.clock.now();
    switch (result.status) {
      case 'delivered': {
        // The record with the settle (SQLite: one transaction; Cosmos DB: the record first): once it says
        // delivered, a crash before the entry is gone cannot send the key again.
        const record = previous === undefined ? this.recordOf(entry, recorded, at, { status: 'delivered', messageId: result.messageId, address: result.address }) : undefined;
        this.emit({ event: previous === undefined ? 'outbox.delivered' : 'outbox.updated', deliveryKey: entry.key });
        const step = await this.settle(lease, entry, record);
        // After the record: if this write fails, the next message to the person finds the chat again, and this
        // one is not sent twice.
        if (previous === undefined && result.conversationCreated) await records.saveAddress(entry.payload.recipient, result.address, at);
        return step;
      }
      case 'retry': {
        if (result.retryAfterMs !== undefined) {
          // Teams said when: pause the whole lane (order) until then; it is pacing, not a failed attempt.
          this.emit({ event: 'outbox.retrying', deliveryKey: entry.key, attempts: entry.attempts, lastStatus: result.lastStatus, delayMs: result.retryAfterMs });
          await store.pauseLane(lease, now + result.retryAfterMs);
          return 'stop';
        }
        const attempts = entry.attempts + 1;
        if (attempts >= this.options.retry.maxAttempts) return this.giveUp(lease, entry, recorded, previous, 'failed', result.lastStatus);
        const delayMs = outboxBackoffMs(attempts, this.options.retry, this.deps.random);
        this.emit({ event: 'outbox.retrying', deliveryKey: entry.key, attempts, lastStatus: result.lastStatus, delayMs });
        await store.retryLater(lease, entryRefOf(entry), attempts, now + delayMs);
        return 'stop';
      }
      case 'unreachable':
      case 'failed':
        return this.giveUp(lease, entry, recorded, previous, result.status, result.lastStatus);
      case 'obsolete':
        this.emit({ event: 'outbox.obsolete', deliveryKey: entry.key });
        return this.settle(lease, entry);
      default: {
        const unknown: never = result;
        return unknown;
      }
    }
  }

  /** Records the outcome on the delivery record (a failed update leaves the delivered record as it is). */
  private async giveUp(
    lease: LaneLease,
    entry: OutboxEntry,
    recorded: CaseDelivery | undefined,
    previous: PreviousMessage | undefined,
    status: 'unreachable' | 'failed',
    lastStatus: string,
  ): Promise<Step> {
    const record = previous === undefined ? this.recordOf(entry, recorded, this.deps.clock.now(), { status, lastStatus }) : undefined;
    this.emit({ event: status === 'failed' ? 'outbox.failed' : 'outbox.unreachable', deliveryKey: entry.key, lastStatus });
    return this.settle(lease, entry, record);
  }

  /** Cosmos DB writes the entry before its case: send only once the case write is there (docs/delivery.md). */
  private async checkCommitted(lease: LaneLease, entry: OutboxEntry, version: number): Promise<Step | 'committed'> {
    const stored = await this.deps.caseVersion(entry.payload.caseId);
    if (stored !== undefined && stored >= version) return 'committed';
    // Enqueued by the app's clock, so waited for by it.
    if (Date.parse(this.deps.clock.now()) - Date.parse(entry.enqueuedAt) > this.options.commitGraceMs) {
      this.emit({ event: 'outbox.not_committed', deliveryKey: entry.key });
      return this.settle(lease, entry);
    }
    await this.deps.store.pauseLane(lease, this.now() + 1_000);
    return 'stop';
  }

  private recordOf(
    entry: OutboxEntry,
    recorded: CaseDelivery | undefined,
    at: string,
    outcome: Pick<CaseDelivery, 'status'> & Partial<Pick<CaseDelivery, 'messageId' | 'address' | 'lastStatus'>>,
  ): CaseDelivery {
    return {
      key: entry.key,
      caseId: entry.payload.caseId,
      recipient: entry.payload.recipient,
      ...(entry.payload.to ? { to: entry.payload.to } : recorded?.to ? { to: recorded.to } : {}),
      purpose: entry.purpose,
      subject: entry.payload.subject,
      attempts: Math.max(entry.attempts + 1, (recorded?.attempts ?? 0) + 1),
      createdAt: recorded?.createdAt ?? entry.enqueuedAt,
      updatedAt: at,
      ...outcome,
    };
  }

  /**
   * Removes the entry (with its delivery record, if any) and releases the lane in the same write when it is
   * empty; the lane's next `headOfLane` then finds no lease and the loop ends.
   */
  private async settle(lease: LaneLease, entry: OutboxEntry, record?: CaseDelivery): Promise<Step> {
    const held = await this.deps.store.settle(lease, entryRefOf(entry), { ...(record === undefined ? {} : { record }), releaseIfEmptyAt: this.now() });
    return held ? 'next' : 'stop';
  }

  private emit(event: OutboxEvent): void {
    this.deps.onEvent?.(event);
  }

  private now(): number {
    return this.deps.timer.now();
  }
}
