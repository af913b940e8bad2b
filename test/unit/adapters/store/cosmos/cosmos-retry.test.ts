import { ErrorResponse } from '@azure/cosmos';
import { describe, expect, it } from 'vitest';
import { createCosmosRetry, type CallKind } from '../../../../../src/adapters/store/cosmos/cosmos-retry';

const policy = { maxAttempts: 4, baseDelayMs: 100, maxDelayMs: 5_000 };

function cosmosError(code: number, retryAfterInMs?: number): ErrorResponse {
  const error = new ErrorResponse(`status ${code}`);
  error.code = code;
  if (retryAfterInMs !== undefined) error.retryAfterInMs = retryAfterInMs;
  return error;
}

/** An operation that fails with the given errors in turn, then answers 'done'; it counts its calls. */
function failingThen(...failures: unknown[]) {
  const operation = { calls: 0, run: async (): Promise<string> => {
    const failure = failures[operation.calls];
    operation.calls += 1;
    if (failure !== undefined) throw failure;
    return 'done';
  } };
  return operation;
}

function retryWithRecordedSleeps() {
  const sleeps: number[] = [];
  const retry = createCosmosRetry(policy, async (ms) => { sleeps.push(ms); }, () => 1);
  return { retry, sleeps };
}

describe('Cosmos retries', () => {
  it.each<CallKind>(['read', 'write'])('waits what a 429 asks for and then succeeds (%s)', async (kind) => {
    const { retry, sleeps } = retryWithRecordedSleeps();
    const operation = failingThen(cosmosError(429, 30), cosmosError(429, 70));
    await expect(retry(kind, operation.run)).resolves.toBe('done');
    expect(operation.calls).toBe(3);
    expect(sleeps).toEqual([30, 70]);
  });

  it('caps a long retry-after at the policy maximum', async () => {
    const { retry, sleeps } = retryWithRecordedSleeps();
    await retry('write', failingThen(cosmosError(429, 60_000)).run);
    expect(sleeps).toEqual([5_000]);
  });

  it('backs off exponentially on a 429 that does not say how long to wait', async () => {
    const { retry, sleeps } = retryWithRecordedSleeps();
    await retry('read', failingThen(cosmosError(429), cosmosError(429), cosmosError(429)).run);
    expect(sleeps).toEqual([100, 200, 400]);
  });

  it('gives up after the bounded number of tries with the last error', async () => {
    const { retry, sleeps } = retryWithRecordedSleeps();
    const last = cosmosError(429, 10);
    const operation = failingThen(cosmosError(429, 10), cosmosError(429, 10), cosmosError(429, 10), last, cosmosError(429, 10));
    await expect(retry('read', operation.run)).rejects.toBe(last);
    expect(operation.calls).toBe(policy.maxAttempts);
    expect(sleeps).toHaveLength(policy.maxAttempts - 1);
  });

  it.each([408, 503])('retries a read after a transient %i but not a write, which may have been applied', async (code) => {
    const read = failingThen(cosmosError(code));
    await expect(retryWithRecordedSleeps().retry('read', read.run)).resolves.toBe('done');
    const write = failingThen(cosmosError(code));
    await expect(retryWithRecordedSleeps().retry('write', write.run)).rejects.toMatchObject({ code });
    expect([read.calls, write.calls]).toEqual([2, 1]);
  });

  it('retries a read after a connection reset', async () => {
    const reset = Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
    const operation = failingThen(reset);
    await expect(retryWithRecordedSleeps().retry('read', operation.run)).resolves.toBe('done');
    expect(operation.calls).toBe(2);
  });

  it.each([400, 403, 404, 409, 412])('never retries a final answer (%i)', async (code) => {
    const operation = failingThen(cosmosError(code));
    await expect(retryWithRecordedSleeps().retry('read', operation.run)).rejects.toMatchObject({ code });
    expect(operation.calls).toBe(1);
  });
});
