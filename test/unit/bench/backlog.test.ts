import { describe, expect, it } from 'vitest';
import { Backlog } from '../../../bench/progress';

const settled = async (p: Promise<unknown>): Promise<boolean> => {
  let done = false;
  void p.then(
    () => (done = true),
    () => (done = true),
  );
  await new Promise((resolve) => setTimeout(resolve, 10));
  return done;
};

describe('the memory rounds keep their cards outstanding under a bound', () => {
  it('lets a submission start at once while fewer cards than the bound are outstanding', async () => {
    const backlog = new Backlog();
    backlog.cause(3);
    expect(backlog.outstanding).toBe(3);
    expect(await settled(backlog.whenBelow(4))).toBe(true);
  });

  it('holds a submission back until enough cards have arrived, then lets it go', async () => {
    const backlog = new Backlog();
    backlog.cause(6);
    const waiting = backlog.whenBelow(3);
    expect(await settled(waiting)).toBe(false);
    for (let i = 0; i < 3; i += 1) backlog.arrive();
    expect(backlog.outstanding).toBe(3);
    expect(await settled(waiting)).toBe(false);
    backlog.arrive();
    expect(await settled(waiting)).toBe(true);
  });

  it('fails a wait, saying how many cards are outstanding, once none has arrived for the stall limit', async () => {
    const backlog = new Backlog(100);
    backlog.cause(5);
    backlog.arrive();
    await expect(backlog.whenBelow(2)).rejects.toThrow('4 items outstanding, none arrived in the last 0.1 s');
  });

  it('keeps waiting past the stall limit in all while cards keep arriving', async () => {
    const backlog = new Backlog(100);
    backlog.cause(6);
    const waiting = backlog.whenBelow(1);
    for (let i = 0; i < 6; i += 1) {
      await new Promise((resolve) => setTimeout(resolve, 60));
      backlog.arrive();
    }
    await expect(waiting).resolves.toBeUndefined();
  });
});

describe('a level projects how long the cards it left would take', () => {
  it('projects nothing before a settle was timed, then the outstanding cards at the rate that settle showed', async () => {
    const backlog = new Backlog();
    backlog.cause(30);
    expect(backlog.projectedMs()).toBe(0);
    await backlog.timeSettle(async () => {
      for (let i = 0; i < 30; i += 1) backlog.arrive();
      await new Promise((resolve) => setTimeout(resolve, 100));
    });
    backlog.cause(60);
    // 30 cards in 100 ms or a little more: 60 more take twice as long.
    expect(backlog.projectedMs()).toBeGreaterThan(180);
    expect(backlog.projectedMs()).toBeLessThan(600);
  });
});
