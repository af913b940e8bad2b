import { cosmosStatusOf, networkCodeOf, retryAfterMsOf } from './cosmos-failure';

/**
 * Bounded retries around one Cosmos DB call. The SDK already retries 429s itself (see
 * `cosmosConnectionPolicy`); this wrapper is the second fence for when its budget runs out, and for transient
 * failures it does not retry.
 *
 * - 429 (throttled) and 449 (retry with): the service did not apply the request, so any call may go again.
 *   We wait what the service asked for (`x-ms-retry-after-ms`), capped at `maxDelayMs`.
 * - 408, 500, 502, 503, 504 and connection resets: the request may or may not have been applied, so only
 *   idempotent calls (reads, queries) go again, with exponential backoff and jitter. A write that fails this
 *   way surfaces to the caller, whose own retry is safe because every write here is conditional
 *   (create-if-absent or If-Match).
 */
export interface CosmosRetryPolicy {
  /** Total tries including the first. */
  maxAttempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
}

export const defaultCosmosRetryPolicy: CosmosRetryPolicy = Object.freeze({ maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 });

export type CallKind = 'read' | 'write';

export type CosmosRetry = <T>(kind: CallKind, call: () => Promise<T>) => Promise<T>;

const refusedStatuses = new Set([429, 449]);
const transientStatuses = new Set([408, 500, 502, 503, 504]);
const transientNetworkCodes = new Set(['ECONNRESET', 'ETIMEDOUT', 'ECONNREFUSED', 'EPIPE', 'EAI_AGAIN']);

export function createCosmosRetry(
  policy: CosmosRetryPolicy = defaultCosmosRetryPolicy,
  sleep: (ms: number) => Promise<void> = (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => number = Math.random,
): CosmosRetry {
  return async <T>(kind: CallKind, call: () => Promise<T>): Promise<T> => {
    for (let attempt = 1; ; attempt += 1) {
      try {
        return await call();
      } catch (error) {
        const delay = retryDelayMs(error, kind, attempt, policy, random);
        if (delay === undefined) throw error;
        await sleep(delay);
      }
    }
  };
}

/** How long to wait before the next try, or undefined when the failure is final. */
export function retryDelayMs(
  error: unknown,
  kind: CallKind,
  attempt: number,
  policy: CosmosRetryPolicy,
  random: () => number,
): number | undefined {
  if (attempt >= policy.maxAttempts) return undefined;
  const status = cosmosStatusOf(error);
  const backoff = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1) * (0.5 + random() / 2));
  if (status !== undefined && refusedStatuses.has(status)) {
    const asked = retryAfterMsOf(error);
    return asked === undefined ? backoff : Math.min(policy.maxDelayMs, asked);
  }
  if (kind === 'write') return undefined;
  if (status !== undefined && transientStatuses.has(status)) return backoff;
  const network = networkCodeOf(error);
  if (network !== undefined && transientNetworkCodes.has(network)) return backoff;
  return undefined;
}
