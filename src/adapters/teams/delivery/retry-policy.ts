/**
 * What the Bot Connector said when a call did not succeed: an HTTP status (with the raw Retry-After header,
 * if any) or no response at all (connection refused, reset, timed out).
 */
export type TransportFailure = { status: number; retryAfter?: string } | { status: 'no_response'; code?: string };

export type RetryDecision =
  | { action: 'retry'; delayMs: number }
  /** Worth trying again later (a sweep), not now: the bound is reached or the status is not transient. */
  | { action: 'give_up' }
  /** The bot may not write there: not installed for that person, blocked, or removed from the team. */
  | { action: 'unreachable' }
  /** The conversation (or message) is gone; a personal chat can be created again. */
  | { action: 'not_found' };

export interface RetryPolicy {
  /** Attempts in total, the first one included. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  /** A Retry-After longer than this ends the attempts: the sweep picks the delivery up later. */
  maxRetryAfterMs: number;
}

export const defaultRetryPolicy: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  maxRetryAfterMs: 60_000,
};

/**
 * Teams asks bots to retry 429 (honouring Retry-After) and also 412, 502 and 504, with exponential backoff
 * and random jitter: https://learn.microsoft.com/microsoftteams/platform/bots/how-to/rate-limit
 * Other 5xx, 408 and lost connections are transient too. 403 means the app may not write to that person
 * or conversation, so retrying cannot help.
 *
 * `attempt` is the number of the attempt that just failed (1 for the first); `random` returns [0, 1).
 */
export function decideRetry(
  failure: TransportFailure,
  attempt: number,
  policy: RetryPolicy,
  now: number,
  random: () => number,
): RetryDecision {
  const { status } = failure;
  if (status === 403) return { action: 'unreachable' };
  if (status === 404) return { action: 'not_found' };
  if (!isTransient(status)) return { action: 'give_up' };
  if (attempt >= policy.maxAttempts) return { action: 'give_up' };

  const retryAfterMs = 'retryAfter' in failure && failure.retryAfter !== undefined ? parseRetryAfter(failure.retryAfter, now) : undefined;
  if (status === 429 && retryAfterMs !== undefined) {
    return retryAfterMs > policy.maxRetryAfterMs ? { action: 'give_up' } : { action: 'retry', delayMs: retryAfterMs };
  }
  return { action: 'retry', delayMs: backoffDelay(attempt, policy, random) };
}

/** Exponential backoff with "equal jitter": half the step is fixed, half random, so delays still grow. */
export function backoffDelay(attempt: number, policy: RetryPolicy, random: () => number): number {
  const step = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.round(step / 2 + random() * (step / 2));
}

/** Retry-After is either delta-seconds or an HTTP-date (RFC 9110 § 10.2.3). Undefined when unreadable. */
export function parseRetryAfter(value: string, now: number): number | undefined {
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number.parseInt(trimmed, 10) * 1_000;
  const date = Date.parse(trimmed);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, date - now);
}

function isTransient(status: number | 'no_response'): boolean {
  return status === 'no_response' || status === 408 || status === 412 || status === 429 || status >= 500;
}
