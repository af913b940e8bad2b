import { describe, expect, it } from 'vitest';
import { waitByProgress } from '../../../bench/progress';

const after = <T>(ms: number, value: T): Promise<T> => new Promise((resolve) => setTimeout(() => resolve(value), ms));

describe('the benchmark waits for its work by progress', () => {
  it('waits as long as something keeps arriving, far past the stall limit in all', async () => {
    const work = Array.from({ length: 8 }, (_, i) => after(100 * (i + 1), i));
    const begin = Date.now();
    expect(await waitByProgress(work, 'cards', 10_000, 300)).toEqual([0, 1, 2, 3, 4, 5, 6, 7]);
    expect(Date.now() - begin).toBeGreaterThan(600);
  });

  it('fails, saying how far it got, once nothing has arrived for the stall limit', async () => {
    const work = [after(20, 'a'), new Promise<string>(() => undefined)];
    await expect(waitByProgress(work, 'cards', 10_000, 200)).rejects.toThrow('cards: 1 of 2 arrived, none in the last 0.2 s');
  });

  it('fails at its overall cap even while things still arrive', async () => {
    const work = Array.from({ length: 20 }, (_, i) => after(100 * (i + 1), i));
    await expect(waitByProgress(work, 'cards', 500, 300)).rejects.toThrow(/cards: \d+ of 20 arrived within the cap/);
  });
});
