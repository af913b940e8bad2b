import { createServer as createNetServer, type AddressInfo } from 'node:net';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/adapters/log/logger';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { UuidIds } from '../../src/adapters/ids/uuid-ids';
import { createApp, type App } from '../../src/app-server';
import { aMessage, aTeacher, testTenant } from '../support/activities';
import { FixedClock, stockholmTime } from '../support/fixed-clock';
import { LogSink } from '../support/log-sink';
import { loadSampleDirectory } from '../support/test-directory';

/** A loopback port nobody listens on: a connection to it is refused at once, and nothing leaves the machine. */
async function closedLoopbackPort(): Promise<number> {
  const probe = createNetServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** A JWT-shaped token from the Bot Framework's issuer, unsigned: validation must fetch the signing keys. */
function aBotFrameworkToken(): string {
  const part = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.parse('2026-11-23T09:00:00.000Z') / 1000);
  return `${part({ alg: 'RS256', typ: 'JWT', kid: 'key-1' })}.${part({ iss: 'https://api.botframework.com', aud: 'sst-bridge-test-app', nbf: now, exp: now + 3600 })}.c2lnbmF0dXJl`;
}

const internals = /getaddrinfo|ECONNREFUSED|ENOTFOUND|127\.0\.0\.1|request to|openid|Error:|at .*\.(js|ts)|stack/i;

describe('the HTTP edge with Bot Framework credentials', () => {
  const logs = new LogSink();
  const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-http-errors-'));
  let store: SqliteCaseStore;
  let app: App;
  let baseUrl = '';
  let metadataUrl = '';
  const consoleError = vi.spyOn(console, 'error');
  const consoleWarn = vi.spyOn(console, 'warn');

  beforeAll(async () => {
    metadataUrl = `http://127.0.0.1:${await closedLoopbackPort()}/v1/.well-known/openidconfiguration`;
    store = SqliteCaseStore.open(join(dataDir, 'sst-bridge.db'), stockholmTime);
    const directory = loadSampleDirectory();
    app = createApp({
      config: {
        credentials: { appId: 'sst-bridge-test-app', appPassword: 'not-a-real-secret', appType: 'SingleTenant', tenantId: testTenant },
        allowedTenants: [testTenant],
        maxBodyBytes: 256 * 1024,
        reportRateLimit: { max: 10, windowMs: 600_000 },
      },
      store,
      clock: new FixedClock('2026-11-23T09:00:00.000Z'),
      ids: new UuidIds(),
      directory: () => directory,
      log: createLogger('debug', logs),
      openIdMetadataUrl: metadataUrl,
    });
    await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', resolve));
    baseUrl = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
  });
  afterAll(async () => {
    await new Promise<void>((resolve) => app.server.close(() => resolve()));
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
    consoleError.mockRestore();
    consoleWarn.mockRestore();
  });

  const post = (headers: Record<string, string>) =>
    fetch(`${baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(aMessage(aTeacher(1), 'https://smba.trafficmanager.net/emea/', 'hjälp')),
    });

  it('answers 500 with a fixed body when the signing keys cannot be fetched, and logs one line without the error text', async () => {
    const linesBefore = logs.lines.length;
    const res = await post({ authorization: `Bearer ${aBotFrameworkToken()}` });
    expect(res.status).toBe(500);
    const body = await res.text();
    expect(JSON.parse(body)).toEqual({ error: 'internal', message: 'The bot could not handle this activity.' });
    expect(body).not.toMatch(internals);

    const written = logs.lines.slice(linesBefore);
    expect(written.map((l) => JSON.parse(l).event)).toEqual(['http.turn_failed']);
    expect(JSON.parse(written[0] ?? '{}')).toMatchObject({ errorCode: 'ECONNREFUSED' });
    expect(written.join('\n')).not.toContain(metadataUrl);
    expect(consoleError).not.toHaveBeenCalled();
  });

  it('answers 401 with a fixed body to a request without a token', async () => {
    const res = await post({});
    expect(res.status).toBe(401);
    expect(await res.json()).toEqual({ error: 'unauthorized', message: 'The request is not authorized.' });
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });
});
