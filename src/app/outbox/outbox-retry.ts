/** Bounds on retrying one outbox entry; the same numbers as the in-memory delivery engine (docs/delivery.md). */
export interface OutboxRetryPolicy {
  /** Attempts in total, the first one included; 429 with Retry-After does not count. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultOutboxRetryPolicy: OutboxRetryPolicy = { maxAttempts: 5, baseDelayMs: 1_000, maxDelayMs: 30_000 };

/**
 * Exponential backoff with "equal jitter" (half the step fixed, half random), as Teams asks for 412, 502, 504
 * (https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit). `attempt` is the one that failed.
 */
export function outboxBackoffMs(attempt: number, policy: OutboxRetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}
