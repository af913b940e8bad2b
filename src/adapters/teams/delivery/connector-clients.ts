import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/** What a connector factory is made for: botbuilder's ClaimsIdentity of the caller (or of the bot, proactively). */
export interface ClaimsOwner {
  getClaimValue(claimType: string): string | null;
}

/**
 * Connector clients kept per bot app, service URL and audience, for every turn and every proactive send.
 * botbuilder 4.23 builds a new ConnectorClient, with a fresh @azure/core-client pipeline, for each of them
 * (measured: about a twentieth of a report submission's CPU). A client holds no more than its base URL and its
 * credentials, which fetch, cache and renew their own tokens, so one client per key serves every call, as
 * the Bot Framework SDK for .NET keeps them. `prepare` runs once on each new client. At most `max` are kept
 * (there are a few service URLs per cloud region); beyond that the oldest is dropped. A client that could
 * not be made is not kept.
 */
export class ConnectorClients {
  private readonly clients = new Map<string, Promise<ConnectorClient>>();

  constructor(
    private readonly prepare: (client: ConnectorClient) => ConnectorClient = (client) => client,
    private readonly max = 64,
  ) {}

  /** `inner`, with its clients kept. `claims` name the app the factory was made for. */
  factory(inner: ConnectorFactory, claims: ClaimsOwner): ConnectorFactory {
    // As botbuilder's ParameterizedBotFrameworkAuthentication picks the app id for its factory.
    const appId = claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';
    return {
      create: (serviceUrl: string, audience?: string) => this.client(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => this.prepare(await inner.create(serviceUrl, audience))),
    };
  }

  /** How many clients are kept now. */
  get size(): number {
    return this.clients.size;
  }

  private client(key: string, make: () => Promise<ConnectorClient>): Promise<ConnectorClient> {
    const kept = this.clients.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    made.catch(() => {
      if (this.clients.get(key) === made) this.clients.delete(key);
    });
    if (this.clients.size >= this.max) {
      const oldest = this.clients.keys().next();
      if (oldest.done !== true) this.clients.delete(oldest.value);
    }
    this.clients.set(key, made);
    return made;
  }
}
