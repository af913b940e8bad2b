import { describe, expect, it } from 'vitest';
import { enableCompileCache } from '../../../src/config/compile-cache';

describe('enableCompileCache', () => {
  it('turns on the compile cache where Node has one, with Node\'s default folder (NODE_COMPILE_CACHE or the temp dir)', () => {
    const calls: unknown[][] = [];
    const node24 = {
      enableCompileCache(...args: unknown[]) {
        calls.push(args);
        return { status: 1 };
      },
    };
    expect(enableCompileCache(node24)).toBe('enabled');
    expect(calls).toEqual([[]]);
  });

  it('does nothing on a Node without one (Node 20)', () => {
    expect(enableCompileCache({})).toBe('unsupported');
  });

});
