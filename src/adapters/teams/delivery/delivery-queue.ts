import type { RateLimiter, Timer } from './rate-limiter';
import { decideRetry, type RetryPolicy, type TransportFailure } from './retry-policy';

/** One HTTP call to the Bot Connector, as a value: what came back, or why not. */
export type TransportResult<T> = { ok: true; value: T } | { ok: false; failure: TransportFailure };

export type QueueResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; reason: 'unreachable' | 'not_found'; attempts: number }
  | { ok: false; reason: 'failed'; attempts: number; lastStatus: number | 'no_response' | 'queue_full' };

export interface DeliveryQueueOptions {
  limiter: RateLimiter;
  policy: RetryPolicy;
  timer: Timer;
  /** Returns [0, 1); jitter for backoff. */
  random: () => number;
  /** Operations waiting in one conversation's lane before new ones are refused as `queue_full`. */
  maxQueuedPerConversation: number;
}

export interface RetryEvent {
  attempt: number;
  status: number | 'no_response';
  delayMs: number;
}

/**
 * Runs Bot Connector calls one at a time per conversation, in arrival order, each attempt inside the rate
 * limits, retrying transient failures with backoff up to the policy's bound. A message waiting out a 429
 * holds its lane, so later messages to that conversation neither overtake it nor add to the throttling.
 */
export class DeliveryQueue {
  private readonly lanes = new Map<string, { tail: Promise<unknown>; queued: number }>();

  constructor(private readonly options: DeliveryQueueOptions) {}

  /** Queues `call` behind earlier calls to the same lane; `onRetry` hears about each retry before its wait. */
  run<T>(lane: string, call: () => Promise<TransportResult<T>>, onRetry?: (event: RetryEvent) => void): Promise<QueueResult<T>> {
    const current = this.lanes.get(lane) ?? { tail: Promise.resolve(), queued: 0 };
    if (current.queued >= this.options.maxQueuedPerConversation) {
      return Promise.resolve({ ok: false, reason: 'failed', attempts: 0, lastStatus: 'queue_full' });
    }
    current.queued += 1;
    const result = current.tail.then(() => this.attempt(lane, call, onRetry));
    current.tail = result.then(
      () => this.leave(lane),
      () => this.leave(lane),
    );
    this.lanes.set(lane, current);
    return result;
  }

  /** Operations queued or running, per lane (for tests and metrics). */
  queuedIn(lane: string): number {
    return this.lanes.get(lane)?.queued ?? 0;
  }

  private leave(lane: string): void {
    const current = this.lanes.get(lane);
    if (!current) return;
    current.queued -= 1;
    if (current.queued === 0) this.lanes.delete(lane);
  }

  private async attempt<T>(
    lane: string,
    call: () => Promise<TransportResult<T>>,
    onRetry: ((event: RetryEvent) => void) | undefined,
  ): Promise<QueueResult<T>> {
    const { limiter, policy, timer, random } = this.options;
    for (let attempt = 1; ; attempt += 1) {
      await limiter.acquire(lane);
      const result = await call();
      if (result.ok) return { ok: true, value: result.value, attempts: attempt };
      const decision = decideRetry(result.failure, attempt, policy, timer.now(), random);
      switch (decision.action) {
        case 'retry':
          onRetry?.({ attempt, status: result.failure.status, delayMs: decision.delayMs });
          await timer.sleep(decision.delayMs);
          continue;
        case 'unreachable':
        case 'not_found':
          return { ok: false, reason: decision.action, attempts: attempt };
        case 'give_up':
          return { ok: false, reason: 'failed', attempts: attempt, lastStatus: result.failure.status };
        default:
          return assertNever(decision);
      }
    }
  }
}

function assertNever(value: never): never {
  throw new Error(`unexpected retry decision: ${JSON.stringify(value)}`);
}
