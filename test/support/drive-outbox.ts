import { OutboxDrainer, type OutboxDrainerOptions } from '../../src/app/outbox/outbox-drainer';
import type { OutboxSender } from '../../src/app/outbox/outbox-sender';
import type { OutboxStore } from '../../src/app/outbox/outbox-store';
import type { SendLimits } from '../../src/app/outbox/send-window';
import type { CaseStore } from '../../src/app/ports/case-store';
import type { FixedClock } from './fixed-clock';

/** Small limits so that a test of a few dozen messages hits them: 4 per 2 s per conversation, 5 per 1 s per tenant. */
export const smallLimits: SendLimits = { perConversation: [{ windowMs: 2_000, max: 4 }], perTenant: [{ windowMs: 1_000, max: 5 }] };

export interface OutboxSide {
  outbox: OutboxStore;
  records: CaseStore;
}

/** A drainer that is driven by hand (`drainOnce`), never by a timer; store failures fail the test. */
export function aDrainer(side: OutboxSide, clock: FixedClock, sender: OutboxSender, owner: string, options: Partial<OutboxDrainerOptions> = {}) {
  return new OutboxDrainer(
    {
      store: side.outbox,
      records: side.records,
      sender,
      clock,
      timer: { now: () => Date.parse(clock.now()), schedule: () => () => undefined },
      random: () => 0.5,
      caseVersion: async (caseId) => (await side.records.getCase(caseId))?.version,
      onError: (error) => {
        throw error;
      },
    },
    { owner, leaseMs: 10_000, maxLanes: 4, maxPerClaim: 5, limits: smallLimits, ...options },
  );
}

/**
 * Runs the drainers round after round (all at once each round), moving the fake clock to the next due time
 * whenever nothing can be done now, until nothing is pending. Throws after `maxRounds` (a drainer stuck).
 */
export async function drainUntilIdle(drainers: readonly OutboxDrainer[], clock: FixedClock, maxRounds = 400): Promise<void> {
  for (let round = 0; round < maxRounds; round += 1) {
    const next = (await Promise.all(drainers.map((d) => d.drainOnce()))).filter((n): n is number => n !== undefined);
    if (next.length === 0) return;
    const due = Math.min(...next);
    if (due > Date.parse(clock.now())) clock.set(new Date(due).toISOString());
  }
  throw new Error(`The outbox did not drain within ${maxRounds} rounds`);
}

/**
 * The store as a process sees it that dies while settling, after the delivery record was written and before
 * the entry was removed: what a crash inside a Cosmos DB settle (no transaction spans both) leaves behind.
 */
export function crashingOnSettle(side: OutboxSide): OutboxStore {
  const store = side.outbox;
  const crash = async (): Promise<never> => {
    throw new Error('process died');
  };
  return {
    enqueue: (m, at) => store.enqueue(m, at),
    claimLanes: (r) => store.claimLanes(r),
    headOfLane: (l) => store.headOfLane(l),
    takeSendSlot: (l, limits, now) => store.takeSendSlot(l, limits, now),
    settle: async (_lease, _entry, options) => {
      if (options?.record !== undefined) await side.records.saveDelivery(options.record);
      return crash();
    },
    retryLater: (l, e, a, u) => store.retryLater(l, e, a, u),
    pauseLane: (l, u) => store.pauseLane(l, u),
    releaseLane: crash,
    nextDueAt: () => store.nextDueAt(),
    listPending: (lane) => store.listPending(lane),
  };
}
