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
  let wait = 0;
  for (const { windowMs, max } of limits) {
    const inWindow = log.filter((at) => at > now - windowMs);
    if (inWindow.length < max) continue;
    // The send that must leave the window first: the (inWindow - max + 1)-th oldest in it.
    const blocking = inWindow[inWindow.length - max];
    if (blocking !== undefined) wait = Math.max(wait, blocking + windowMs - now);
  }
  return wait;
}

/** The log with `now` appended and everything older than the longest window dropped, so it stays bounded. */
export function recordSend(log: readonly number[], limits: readonly WindowLimit[], now: number): number[] {
  const horizon = Math.max(0, ...limits.map((l) => l.windowMs));
  const keep = Math.max(0, ...limits.map((l) => l.max));
  return [...log.filter((at) => at > now - horizon), now].slice(-keep);
}

export type SlotDecision = { ok: true; laneLog: number[]; tenantLog: number[] } | { ok: false; retryAt: number };

/**
 * Whether a send fits both the conversation's and the tenant's limits now, and the logs after taking it. A
 * conversation held back by the tenant's budget waits a millisecond longer for each send it made in the tenant's
 * window: conversations refused together are claimed again in order of how little they just sent, so that they
 * take turns at the budget instead of the same ones winning it every second (and the rest draining at the end,
 * each at its own 60-per-30-s pace).
 */
export function decideSlot(laneLog: readonly number[], tenantLog: readonly number[], limits: SendLimits, now: number): SlotDecision {
  const laneWait = waitForSlot(laneLog, limits.perConversation, now);
  const tenantWait = waitForSlot(tenantLog, limits.perTenant, now);
  if (laneWait > 0 || tenantWait > 0) {
    const tenantWindowMs = Math.max(0, ...limits.perTenant.map((l) => l.windowMs));
    const turn = tenantWait >= laneWait ? laneLog.filter((at) => at > now - tenantWindowMs).length : 0;
    return { ok: false, retryAt: now + Math.max(laneWait, tenantWait + turn) };
  }
  return { ok: true, laneLog: recordSend(laneLog, limits.perConversation, now), tenantLog: recordSend(tenantLog, limits.perTenant, now) };
}
