import { describe, expect, it } from 'vitest';
import { UuidIds } from '../../../src/adapters/ids/uuid-ids';

// The SQLite store keys every part of a case by its id: ids made later must sort after ids made earlier, so
// that new rows land at the end of each index (src/adapters/ids/uuid-ids.ts).
describe('UuidIds', () => {
  const ids = new UuidIds();

  it('makes UUIDs of version 7 and the RFC 9562 variant', () => {
    for (let i = 0; i < 100; i += 1) {
      expect(ids.newId()).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    }
  });

  it('makes ids that sort in the order they were made, within a millisecond and across many', async () => {
    const made: string[] = [];
    for (let round = 0; round < 5; round += 1) {
      for (let i = 0; i < 200; i += 1) made.push(ids.newId());
      await new Promise((resolve) => setTimeout(resolve, 2));
    }
    expect(new Set(made).size).toBe(made.length);
    expect([...made].sort()).toEqual(made);
  });

  it('puts the time it was made first, to the millisecond', () => {
    const before = Date.now();
    const id = ids.newId();
    const after = Date.now();
    const madeAt = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
    expect(madeAt).toBeGreaterThanOrEqual(before);
    expect(madeAt).toBeLessThanOrEqual(after);
  });
});
