import type { RateLimiter, Timer } from './rate-limiter';
import { decideRetry, parseRetryAfter, type RetryPolicy, type TransportFailure } from './retry-policy';

/** One HTTP call to the Bot Connector, as a value: what came back, or why not. */
export type TransportResult<T> = { ok: true; value: T } | { ok: false; failure: TransportFailure };

export type QueueResult<T> =
  | { ok: true; value: T; attempts: number }
  | { ok: false; reason: 'unreachable' | 'not_found'; attempts: number }
  | { ok: false; reason: 'failed'; attempts: number; lastStatus: number | 'no_response' | 'queue_full' | 'abandoned'; retryAfterMs?: number };

export interface DeliveryQueueOptions {
  limiter: RateLimiter;
  policy: RetryPolicy;
  timer: Timer;
  /** Returns [0, 1); jitter for backoff. */
  random: () => number;
  /** Operations waiting in one conversation's lane before new ones are refused as `queue_full`. */
  maxQueuedPerConversation: number;
  /**
   * A call not answered within this long counts as no response (`timeout`), so that a Bot Connector that
   * hangs cannot hold a conversation past the outbox's lease; the call itself is left to finish or not.
   */
  callTimeoutMs?: number;
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
  private abandoned = false;
  /**
   * What `abandon()` ends: one entry per wait in progress, removed when the wait ends. (Racing every wait
   * against one promise that settles only at shutdown would leave a reaction on it per wait, for good: about
   * 3 KB per report in the memory benchmark.)
   */
  private readonly waits = new Set<() => void>();

  constructor(private readonly options: DeliveryQueueOptions) {}

  /**
   * Shutdown: every operation waiting for its lane, a rate-limit slot or a retry, or for a Bot Connector call
   * that has not answered, ends at once as `failed` with lastStatus `abandoned`, and so does every later
   * one. Callers record that as a failed delivery, which the periodic retry sends again after the restart
   * (a call that reached Teams but whose answer was abandoned may then arrive twice).
   */
  abandon(): void {
    this.abandoned = true;
    for (const end of this.waits) end();
    this.waits.clear();
  }

  /** Queues `call` behind earlier calls to the same lane; `onRetry` hears about each retry before its wait. */
  run<T>(lane: string, call: () => Promise<TransportResult<T>>, onRetry?: (event: RetryEvent) => void): Promise<QueueResult<T>> {
    if (this.abandoned) return Promise.resolve(abandonedAfter(0));
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
      if ((await this.unlessAbandoned(limiter.acquire(lane))) === abandonedMark) return abandonedAfter(attempt - 1);
      const result = await this.unlessAbandoned(this.withinTimeout(call()));
      if (result === abandonedMark) return abandonedAfter(attempt);
      if (result.ok) return { ok: true, value: result.value, attempts: attempt };
      const decision = decideRetry(result.failure, attempt, policy, timer.now(), random);
      switch (decision.action) {
        case 'retry':
          onRetry?.({ attempt, status: result.failure.status, delayMs: decision.delayMs });
          if ((await this.unlessAbandoned(timer.sleep(decision.delayMs))) === abandonedMark) return abandonedAfter(attempt);
          continue;
        case 'unreachable':
        case 'not_found':
          return { ok: false, reason: decision.action, attempts: attempt };
        case 'give_up': {
          // A Retry-After is kept for whoever tries again later (the outbox pauses the conversation that long).
          const retryAfterMs = 'retryAfter' in result.failure && result.failure.retryAfter !== undefined ? parseRetryAfter(result.failure.retryAfter, timer.now()) : undefined;
          return { ok: false, reason: 'failed', attempts: attempt, lastStatus: result.failure.status, ...(retryAfterMs === undefined ? {} : { retryAfterMs }) };
        }
        default:
          return assertNever(decision);
      }
    }
  }

  /** `work`, or no response once `callTimeoutMs` has passed. */
  private withinTimeout<T>(work: Promise<TransportResult<T>>): Promise<TransportResult<T>> {
    const { callTimeoutMs } = this.options;
    if (callTimeoutMs === undefined) return work;
    return new Promise((resolve, reject) => {
      const timeout = setTimeout(() => resolve({ ok: false, failure: { status: 'no_response', code: 'timeout' } }), callTimeoutMs);
      timeout.unref();
      work.then(
        (value) => {
          clearTimeout(timeout);
          resolve(value);
        },
        (error: unknown) => {
          clearTimeout(timeout);
          reject(error);
        },
      );
    });
  }

  /** `work`, or the abandon mark as soon as the queue is abandoned (the work itself is left to finish or not). */
  private unlessAbandoned<T>(work: Promise<T>): Promise<T | typeof abandonedMark> {
    if (this.abandoned) return Promise.resolve(abandonedMark);
    return new Promise((resolve, reject) => {
      const end = (): void => resolve(abandonedMark);
      this.waits.add(end);
      work.then(
        (value) => {
          this.waits.delete(end);
          resolve(value);
        },
        (error: unknown) => {
          this.waits.delete(end);
          reject(error);
        },
      );
    });
  }

  /** Waits in progress that `abandon()` would end (for tests: none is left once the work is done). */
  get waiting(): number {
    return this.waits.size;
  }
}

const abandonedMark = Symbol('abandoned');

const abandonedAfter = (attempts: number): QueueResult<never> => ({ ok: false, reason: 'failed', attempts, lastStatus: 'abandoned' });

function assertNever(value: never): never {
  throw new Error(`unexpected retry decision: ${JSON.stringify(value)}`);
}
