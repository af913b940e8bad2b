/** At most `max` sends in any window of `windowMs` (a send at exactly `now - windowMs` has left it). */
export interface WindowLimit {
  windowMs: number;
  max: number;
}

export interface SendLimits {
  perConversation: readonly WindowLimit[];
  perTenant: readonly WindowLimit[];
}

/**
 * Teams' published limits for a bot: per conversation 7 per 1 s, 8 per 2 s, 60 per 30 s, 1 800 per hour; per
 * app and tenant 50 per second (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit).
 * The outbox holds them across instances: the logs live in the store (docs/delivery.md).
 */
export const teamsSendLimits: SendLimits = {
  perConversation: [
    { windowMs: 1_000, max: 7 },
    { windowMs: 2_000, max: 8 },
    { windowMs: 30_000, max: 60 },
    { windowMs: 3_600_000, max: 1_800 },
  ],
  perTenant: [{ windowMs: 1_000, max: 50 }],
};

/**
 * Milliseconds until one more send fits every limit given the send log (oldest first); 0 when it fits now.
 * A sliding log, not a token bucket: a bucket can let twice its size through in one window.
 */
export function waitForSlot(log: readonly number[], limits: readonly WindowLimit[], now: number): number {
  return (freeingTimes(log, limits, now)[0] ?? now) - now;
}

/** The log with `now` appended and everything older than the longest window dropped, so it stays bounded. */
export function recordSend(log: readonly number[], limits: readonly WindowLimit[], now: number): number[] {
  const horizon = Math.max(0, ...limits.map((l) => l.windowMs));
  const keep = Math.max(0, ...limits.map((l) => l.max));
  return [...log.filter((at) => at > now - horizon), now].slice(-keep);
}

/**
 * A send held back. `tenantFreesAt`, when the tenant's budget is what holds it back (not the conversation's own
 * limits): the times at which that budget frees one more send each, ascending, as far as the log tells (the
 * drainer hands them out to the conversations waiting, one each, so that a freed send is not fought over).
 */
export interface SlotRefusal {
  ok: false;
  retryAt: number;
  tenantFreesAt?: number[];
}

export type SlotDecision = { ok: true; laneLog: number[]; tenantLog: number[] } | SlotRefusal;

/**
 * When each of the next sends fits every limit given the send log (oldest first), if no other send is made
 * meanwhile: the k-th time is when k more sends fit, ascending; `now` for those that fit already. As many as the
 * log can tell: the tightest limit's `max` (beyond that, the times depend on sends not made yet).
 */
export function freeingTimes(log: readonly number[], limits: readonly WindowLimit[], now: number): number[] {
  const count = Math.min(...limits.map((l) => l.max));
  const times: number[] = Array.from({ length: Number.isFinite(count) ? count : 0 }, () => now);
  for (const { windowMs, max } of limits) {
    const inWindow = log.filter((at) => at > now - windowMs);
    // The k-th next send (k = 1…) fits once the (inWindow − max + k)-th oldest send in the window has left it.
    times.forEach((at, i) => {
      const leaving = inWindow[inWindow.length - max + i];
      if (leaving !== undefined) times[i] = Math.max(at, leaving + windowMs);
    });
  }
  return times;
}

/**
 * Whether a send fits both the conversation's and the tenant's limits now, and the logs after taking it. When
 * the tenant's budget holds it back, the refusal says when that budget frees each of its next sends, and the
 * conversation waits a millisecond longer for each send it made in the tenant's window: conversations refused
 * together then come back in order of how little they just sent, so that they take turns at the budget instead of
 * the same ones winning it every second (and the rest draining at the end, each at its own 60-per-30-s pace).
 */
export function decideSlot(laneLog: readonly number[], tenantLog: readonly number[], limits: SendLimits, now: number): SlotDecision {
  const laneWait = waitForSlot(laneLog, limits.perConversation, now);
  const tenantFrees = freeingTimes(tenantLog, limits.perTenant, now);
  const tenantWait = (tenantFrees[0] ?? now) - now;
  if (laneWait > 0 || tenantWait > 0) {
    if (laneWait > tenantWait) return { ok: false, retryAt: now + laneWait };
    const tenantWindowMs = Math.max(0, ...limits.perTenant.map((l) => l.windowMs));
    const turn = laneLog.filter((at) => at > now - tenantWindowMs).length;
    return { ok: false, retryAt: now + tenantWait + turn, tenantFreesAt: tenantFrees.filter((at) => at > now) };
  }
  return { ok: true, laneLog: recordSend(laneLog, limits.perConversation, now), tenantLog: recordSend(tenantLog, limits.perTenant, now) };
}
