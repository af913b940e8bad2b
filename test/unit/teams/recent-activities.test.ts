import { describe, expect, it } from 'vitest';
import { RecentActivities } from '../../../src/adapters/teams/recent-activities';

describe('recently handled activities', () => {
  it('treats a repeat inside the window as a repeat, and the same id after the window as new', () => {
    const recent = new RecentActivities({ ttlMs: 1000, maxEntries: 10 });
    expect(recent.firstSighting('a', 0)).toBe(true);
    expect(recent.firstSighting('a', 999)).toBe(false);
    expect(recent.firstSighting('a', 2001)).toBe(true);
  });

  it('stays bounded: the oldest ids are forgotten first', () => {
    const recent = new RecentActivities({ ttlMs: 60_000, maxEntries: 3 });
    for (const id of ['a', 'b', 'c', 'd']) recent.firstSighting(id, 0);
    expect(recent.firstSighting('a', 1)).toBe(true);
    expect(recent.firstSighting('d', 1)).toBe(false);
  });
});
