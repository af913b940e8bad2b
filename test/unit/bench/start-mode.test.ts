import { describe, expect, it } from 'vitest';
import { builtEntry } from '../../../bench/startup';

/** Which command `npm run bench -- startup` measures: package.json's start script when it runs a built entry. */
describe('bench start-up: built entry or tsx', () => {
  const present = () => true;
  const absent = () => false;

  it('measures the start script\'s node command, with its flags, when its entry exists', () => {
    expect(builtEntry('node --enable-source-maps dist/main.js', present)).toEqual({ flags: ['--enable-source-maps'], entry: 'dist/main.js' });
  });

  it('falls back to tsx when the entry has not been built, and says so', () => {
    expect(builtEntry('node --enable-source-maps dist/main.js', absent)).toBe('dist/main.js does not exist (run `npm run build` first)');
  });

  it('falls back to tsx when the start script does not run node', () => {
    expect(typeof builtEntry('tsx src/main.ts', present)).toBe('string');
  });

  it('leaves out environment assignments and --env-file flags, and keeps flags that take a value with it', () => {
    const script = 'NODE_ENV=production node --env-file=.env --env-file-if-exists .env.local --import ./otel.mjs dist/main.js';
    expect(builtEntry(script, present)).toEqual({ flags: ['--import', './otel.mjs'], entry: 'dist/main.js' });
  });
});
