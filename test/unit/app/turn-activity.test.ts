import { describe, expect, it } from 'vitest';
import { TurnActivity } from '../../../src/app/turn-activity';

describe('turn activity, for work that waits for a quiet moment', () => {
  it('is quiet before any turn, busy while one is in flight, and quiet again only once none ended for the quiet time', () => {
    const turns = new TurnActivity(100);
    expect(turns.quietIn(0)).toBe(0);
    turns.begin();
    turns.begin();
    expect(turns.quietIn(5_000)).toBe(100);
    expect(turns.end(5_010)).toBe(false);
    expect(turns.quietIn(5_020)).toBe(100);
    expect(turns.end(5_030)).toBe(true);
    // A millisecond between two requests of a burst is not quiet.
    expect(turns.quietIn(5_031)).toBe(99);
    expect(turns.quietIn(5_129)).toBe(1);
    expect(turns.quietIn(5_130)).toBe(0);
  });
});
