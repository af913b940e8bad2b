import { describe, expect, it } from 'vitest';
import { runClosedLoop } from '../../../bench/load';
import { levelLoad } from '../../../bench/levels';
import { summarize } from '../../../bench/stats';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('a load level stops when the work it caused would take it past its budget', () => {
  it('starts no request once `stopWhen` says so, and counts the rest as skipped', async () => {
    let sent = 0;
    const load = await runClosedLoop({
      concurrency: 2,
      total: 100,
      maxMs: 60_000,
      send: async () => {
        sent += 1;
        await pause(1);
      },
      stopWhen: () => sent >= 10,
    });
    expect(load.latenciesMs).toHaveLength(10);
    expect(load.skipped).toBe(90);
  });

  it('says in the table that a level cut short was bounded with its cards', () => {
    const summary = summarize([1, 2, 3], 1_000);
    expect(levelLoad({ concurrency: 50, total: 1_200, maxMs: 8_000, withItsWorkMs: 15_000, summary })).toBe('c=50, 3 of 1,200 in 8 s, 15 s with their cards');
    expect(levelLoad({ concurrency: 50, total: 1_200, maxMs: 8_000, summary })).toBe('c=50, 3 of 1,200 in 8 s');
    expect(levelLoad({ concurrency: 50, total: 3, maxMs: 8_000, withItsWorkMs: 15_000, summary })).toBe('c=50');
  });
});
