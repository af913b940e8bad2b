import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { describe, expect, it } from 'vitest';

/**
 * restify 11 requires spdy at load; the real spdy's http-deceiver calls process.binding('http_parser'), which
 * Node 24 no longer has. package.json's overrides put vendor/spdy-unsupported in its place (README "restify on
 * Node 24"). CI runs the whole suite on Node 24, where every HTTP test would fail without it.
 */
const lock = JSON.parse(readFileSync(new URL('../../package-lock.json', import.meta.url), 'utf8')) as {
  packages: Record<string, { resolved?: string; link?: boolean }>;
};

describe('the spdy stand-in', () => {
  it('is what the lockfile installs for restify, and nothing pulls http-deceiver in', () => {
    expect(lock.packages['node_modules/spdy']).toEqual({ resolved: 'vendor/spdy-unsupported', link: true });
    expect(Object.keys(lock.packages).filter((path) => /(^|\/)node_modules\/(http-deceiver|spdy-transport)$/.test(path))).toEqual([]);
  });

  it('refuses to make a SPDY server, which we never start', () => {
    const spdy = createRequire(import.meta.url)('../../vendor/spdy-unsupported') as { createServer: () => unknown };
    expect(() => spdy.createServer()).toThrow('SPDY servers are not supported');
  });
});
