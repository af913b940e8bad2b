import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { createServer, type HttpServer } from '../../../../src/adapters/http/server';
import { createLogger } from '../../../../src/adapters/log/logger';
import { LogSink } from '../../../support/log-sink';

const servers: HttpServer[] = [];
afterEach(async () => {
  for (const server of servers.splice(0)) await new Promise<void>((resolve) => server.close(() => resolve()));
});

async function aServer(draining: () => boolean): Promise<string> {
  const server = createServer({
    handleMessages: async () => ({ status: 200 }),
    log: createLogger('info', new LogSink()),
    maxBodyBytes: 64 * 1024,
    health: () => ({ directoryVersion: 'v1' }),
    isAllowedServiceUrl: () => true,
    draining,
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
}

describe('the HTTP edge while shutting down', () => {
  it('answers /healthz 503 once draining, so that the load balancer stops routing here', async () => {
    let draining = false;
    const url = await aServer(() => draining);
    expect((await fetch(`${url}/healthz`)).status).toBe(200);
    draining = true;
    const res = await fetch(`${url}/healthz`);
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ status: 'draining' });
  });

  it('closes each connection after its response once draining, so that the server can close', async () => {
    let draining = false;
    const url = await aServer(() => draining);
    expect((await fetch(`${url}/healthz`)).headers.get('connection')).not.toBe('close');
    draining = true;
    expect((await fetch(`${url}/healthz`)).headers.get('connection')).toBe('close');
  });
});
