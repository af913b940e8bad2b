import { describe, expect, it } from 'vitest';
import { startCommand } from '../../../bench/startup';

/** How `npm run bench -- startup` runs the bundles it builds: with the node flags of package.json's start script. */
describe('bench start-up: the start script\'s node flags', () => {
  it('takes the flags and the entry of `node [flags] <entry>`', () => {
    expect(startCommand('node --enable-source-maps dist/main.js')).toEqual({ flags: ['--enable-source-maps'], entry: 'dist/main.js' });
  });

  it('leaves out environment assignments and --env-file flags, and keeps flags that take a value with it', () => {
    const script = 'NODE_ENV=production node --env-file=.env --env-file-if-exists .env.local --import ./otel.mjs dist/main.js';
    expect(startCommand(script)).toEqual({ flags: ['--import', './otel.mjs'], entry: 'dist/main.js' });
  });

  it('refuses a start script that does not run node on an entry, saying which', () => {
    expect(() => startCommand('tsx src/main.ts')).toThrow(/tsx src\/main\.ts.*not `node \[flags\] <entry>`/);
    expect(() => startCommand('node --enable-source-maps')).toThrow(/names no entry file/);
    expect(() => startCommand(undefined)).toThrow(/no start script/);
  });
});
