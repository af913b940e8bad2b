import { describe, expect, it } from 'vitest';
import { fewestToJudge, growthPerCase } from '../../../bench/memory';
import type { MemorySample } from '../../../bench/servers/serve-over-ipc';

const sample = (heapUsed: number, code: number): MemorySample => ({ rss: 0, heapUsed, heapTotal: 0, external: 0, code });

/** The memory section's judged figure: the heap's growth per case between its readings, V8's own code left out. */
describe('bench memory: growth per case', () => {
  it("leaves V8's code and bytecode out of the growth", () => {
    // 1 MB more heap between 5,000 and 10,000 cases, of which 0.9 MB is code: 20 B of objects per case.
    const m = { atFirst: sample(80_000_000, 10_000_000), atLast: sample(81_000_000, 10_900_000), firstCount: 5_000, lastCount: 10_000 };
    expect(growthPerCase(m)).toEqual({ bytesPerCase: 20 });
  });

  it('counts shrinking code as no gain for the objects', () => {
    // Flushed bytecode (0.5 MB less code) must not hide 0.5 MB more objects: 100 B per case.
    const m = { atFirst: sample(80_000_000, 10_000_000), atLast: sample(80_000_000, 9_500_000), firstCount: 5_000, lastCount: 10_000 };
    expect(growthPerCase(m).bytesPerCase).toBe(100);
  });

  it('does not judge a short warm-up, nor too few cases between the readings, and says which', () => {
    const flat = { atFirst: sample(80_000_000, 10_000_000), atLast: sample(80_000_000, 10_000_000) };
    expect(growthPerCase({ ...flat, firstCount: fewestToJudge - 1, lastCount: 10_000 }).notJudged).toMatch(/warm-up of fewer than 4,000/);
    expect(growthPerCase({ ...flat, firstCount: 5_000, lastCount: 5_000 + fewestToJudge - 1 }).notJudged).toMatch(/fewer than 4,000 cases apart/);
    expect(growthPerCase({ ...flat, firstCount: fewestToJudge, lastCount: 2 * fewestToJudge }).notJudged).toBeUndefined();
  });
});
