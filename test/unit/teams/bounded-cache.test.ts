import { describe, expect, it } from 'vitest';
import { BoundedCache } from '../../../src/adapters/teams/bounded-cache';

describe('BoundedCache', () => {
  it('keeps at most its bound, dropping the entry set longest ago; setting an entry again makes it the newest', () => {
    const cache = new BoundedCache<string>(2);
    cache.set('a', '1');
    cache.set('b', '2');
    cache.set('a', '1 again');
    cache.set('c', '3');
    expect([cache.get('a'), cache.get('b'), cache.get('c')]).toEqual(['1 again', undefined, '3']);
  });
});
