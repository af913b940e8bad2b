/** Time for the delivery engine, injected so tests can run a burst or a Retry-After without waiting. */
export interface Timer {
  /** Milliseconds since the epoch. */
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const systemTimer: Timer = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/** At most `max` operations in any window of `windowMs`. */
export interface WindowLimit {
  windowMs: number;
  max: number;
}

export interface RateLimits {
  perConversation: readonly WindowLimit[];
  global: readonly WindowLimit[];
}

/**
 * Teams' published limits for one bot in one conversation ("per bot per thread": 7 per 1 s, 8 per 2 s,
 * 60 per 30 s, 1800 per hour) and for one app in one tenant (50 requests per second), see
 * https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit. The values may change, so a
 * 429 is still handled by the retry policy.
 */
export const teamsRateLimits: RateLimits = {
  perConversation: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1_800 },
  ],
  global: [{ windowMs: 1_000, max: 50 }],
};

/**
 * Sliding-window limits per conversation plus one global limit. A sliding log, not a token bucket: a bucket
 * of 7 refilled at 7/s lets 14 calls through in some 1 s window, the log never lets more than 7.
 * Every HTTP call (first attempts, retries, conversation creation) takes a slot.
 */
export class RateLimiter {
  private readonly conversations = new Map<string, number[]>();
  private readonly globalLog: number[] = [];
  private readonly horizonMs: number;

  constructor(
    private readonly limits: RateLimits,
    private readonly timer: Timer,
  ) {
    this.horizonMs = Math.max(0, ...limits.perConversation.map((l) => l.windowMs), ...limits.global.map((l) => l.windowMs));
  }

  /** Waits until a call to `conversationKey` fits every limit, then takes the slot. */
  async acquire(conversationKey: string): Promise<void> {
    for (;;) {
      const now = this.timer.now();
      const log = this.logOf(conversationKey, now);
      const wait = Math.max(waitFor(log, this.limits.perConversation, now), waitFor(this.globalLog, this.limits.global, now));
      if (wait <= 0) {
        log.push(now);
        this.globalLog.push(now);
        return;
      }
      await this.timer.sleep(wait);
    }
  }

  /** Conversations currently tracked (for tests and metrics). */
  get trackedConversations(): number {
    return this.conversations.size;
  }

  private logOf(conversationKey: string, now: number): number[] {
    prune(this.globalLog, now - this.horizonMs);
    for (const [key, log] of this.conversations) {
      prune(log, now - this.horizonMs);
      if (log.length === 0 && key !== conversationKey) this.conversations.delete(key);
    }
    const existing = this.conversations.get(conversationKey);
    if (existing) return existing;
    const created: number[] = [];
    this.conversations.set(conversationKey, created);
    return created;
  }
}

/** Milliseconds until one more call fits all limits; 0 when it fits now. `log` is sorted, oldest first. */
export function waitFor(log: readonly number[], limits: readonly WindowLimit[], now: number): number {
  let wait = 0;
  for (const { windowMs, max } of limits) {
    const inWindow = countSince(log, now - windowMs);
    if (inWindow < max) continue;
    // The call that must leave the window before another fits: the (inWindow - max + 1)-th oldest in it.
    const blocking = log[log.length - inWindow + (inWindow - max)];
    if (blocking !== undefined) wait = Math.max(wait, blocking + windowMs - now);
  }
  return wait;
}

/** Calls strictly after `since` (a call at exactly now - windowMs has left the window). */
function countSince(log: readonly number[], since: number): number {
  let count = 0;
  for (let i = log.length - 1; i >= 0; i -= 1) {
    const at = log[i];
    if (at === undefined || at <= since) break;
    count += 1;
  }
  return count;
}

function prune(log: number[], before: number): void {
  let drop = 0;
  while (drop < log.length && (log[drop] ?? Infinity) <= before) drop += 1;
  if (drop > 0) log.splice(0, drop);
}
