import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import { describe, expect, it } from 'vitest';
import { ConnectorClients, type ConnectorFactory } from '../../../src/adapters/teams/delivery/connector-clients';

const serviceUrl = 'https://smba.trafficmanager.net/emea/';
/** The identity botbuilder gives a proactive send of app `appId` (its audience claim names the app). */
class Identities extends CloudAdapter {
  of(appId: string) {
    return this.createClaimsIdentity(appId);
  }
}
const claimsOf = (appId: string) => new Identities().of(appId);
type ClaimsIdentity = ReturnType<typeof claimsOf>;

/** botbuilder's own factory (authentication off, as in local mode), counting the clients it builds. */
function countingFactory(claims: ClaimsIdentity): { factory: ConnectorFactory; built: () => number } {
  const inner = new ConfigurationBotFrameworkAuthentication({}).createConnectorFactory(claims);
  let built = 0;
  return {
    factory: {
      create: (url: string, audience?: string) => {
        built += 1;
        return inner.create(url, audience);
      },
    },
    built: () => built,
  };
}

describe('connector clients kept across turns and sends', () => {
  it('builds one client per app, service URL and audience, and hands the same one to every later turn', async () => {
    const clients = new ConnectorClients();
    const counting = countingFactory(claimsOf('app-1'));
    // Every turn gets a new factory from botbuilder; the kept client outlives it.
    const first = await clients.factory(counting.factory, claimsOf('app-1')).create(serviceUrl);
    const second = await clients.factory(counting.factory, claimsOf('app-1')).create(serviceUrl);
    expect(second).toBe(first);
    expect(first.conversations).toBeDefined();
    await clients.factory(counting.factory, claimsOf('app-1')).create('https://smba.trafficmanager.net/amer/');
    await clients.factory(counting.factory, claimsOf('app-2')).create(serviceUrl);
    await clients.factory(counting.factory, claimsOf('app-1')).create(serviceUrl, 'https://api.botframework.com');
    expect(counting.built()).toBe(4);
    expect(clients.size).toBe(4);
  });

  it('prepares each new client once (the transport takes out the built-in retries there)', async () => {
    let prepared = 0;
    const clients = new ConnectorClients((client) => {
      prepared += 1;
      return client;
    });
    const counting = countingFactory(claimsOf('app-1'));
    await Promise.all([1, 2, 3].map(() => clients.factory(counting.factory, claimsOf('app-1')).create(serviceUrl)));
    expect([prepared, counting.built()]).toEqual([1, 1]);
  });

  it('keeps one user-token client per app', async () => {
    const clients = new ConnectorClients();
    const auth = new ConfigurationBotFrameworkAuthentication({});
    let made = 0;
    const make = (claims: ClaimsIdentity) => () => {
      made += 1;
      return auth.createUserTokenClient(claims);
    };
    const first = await clients.userTokenClient(claimsOf('app-1'), make(claimsOf('app-1')));
    expect(await clients.userTokenClient(claimsOf('app-1'), make(claimsOf('app-1')))).toBe(first);
    expect(await clients.userTokenClient(claimsOf('app-2'), make(claimsOf('app-2')))).not.toBe(first);
    expect(made).toBe(2);
  });

  it('does not keep a client that could not be made, and keeps at most the newest `max`', async () => {
    const clients = new ConnectorClients(undefined, 2);
    const failing: ConnectorFactory = { create: () => Promise.reject(new Error('Invalid appId.')) };
    await expect(clients.factory(failing, claimsOf('app-1')).create(serviceUrl)).rejects.toThrow('Invalid appId.');
    await Promise.resolve();
    expect(clients.size).toBe(0);
    const counting = countingFactory(claimsOf('app-1'));
    const urls = ['https://a.example/', 'https://b.example/', 'https://c.example/'];
    for (const url of urls) await clients.factory(counting.factory, claimsOf('app-1')).create(url);
    expect(clients.size).toBe(2);
    await clients.factory(counting.factory, claimsOf('app-1')).create('https://c.example/');
    await clients.factory(counting.factory, claimsOf('app-1')).create('https://a.example/');
    expect(counting.built()).toBe(4);
  });
});
