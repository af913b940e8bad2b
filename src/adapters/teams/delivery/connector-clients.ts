import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';

export type ConnectorFactory = ReturnType<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>;
type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;
type UserTokenClient = Awaited<ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>>;

/** What a connector factory is made for: botbuilder's ClaimsIdentity of the caller (or of the bot, proactively). */
export interface ClaimsOwner {
  getClaimValue(claimType: string): string | null;
}

/**
 * Connector clients kept per bot app, service URL and audience, and user-token clients per bot app, for every
 * turn and every proactive send. botbuilder 4.23 builds a new ConnectorClient and a new UserTokenClient, each
 * with a fresh @azure/core-client pipeline, for each of them (measured: together about a tenth of a report
 * submission's CPU). A client holds no more than its base URL and its credentials, which fetch, cache and
 * renew their own tokens, so one client per key serves every call, as the Bot Framework SDK for .NET keeps
 * them. `prepare` runs once on each new connector client. At most `max` of each are kept (there are a few
 * service URLs per cloud region); beyond that the oldest is dropped. A client that could not be made is not kept.
 */
export class ConnectorClients {
  private readonly connectors: Kept<ConnectorClient>;
  private readonly userTokens: Kept<UserTokenClient>;

  constructor(
    private readonly prepare: (client: ConnectorClient) => ConnectorClient = (client) => client,
    max = 64,
  ) {
    this.connectors = new Kept(max);
    this.userTokens = new Kept(max);
  }

  /** `inner`, with its clients kept. `claims` name the app the factory was made for. */
  factory(inner: ConnectorFactory, claims: ClaimsOwner): ConnectorFactory {
    const appId = appIdOf(claims);
    return {
      create: (serviceUrl: string, audience?: string) =>
        this.connectors.get(`${appId}\n${serviceUrl}\n${audience ?? ''}`, async () => this.prepare(await inner.create(serviceUrl, audience))),
    };
  }

  /** The user-token client of the app `claims` name, made by `make` the first time. */
  userTokenClient(claims: ClaimsOwner, make: () => Promise<UserTokenClient>): Promise<UserTokenClient> {
    return this.userTokens.get(appIdOf(claims), make);
  }

  /** How many connector clients are kept now. */
  get size(): number {
    return this.connectors.size;
  }
}

/** As botbuilder's ParameterizedBotFrameworkAuthentication picks the app id for its clients. */
const appIdOf = (claims: ClaimsOwner): string => claims.getClaimValue('aud') ?? claims.getClaimValue('appid') ?? '';

class Kept<T> {
  private readonly items = new Map<string, Promise<T>>();

  constructor(private readonly max: number) {}

  get size(): number {
    return this.items.size;
  }

  get(key: string, make: () => Promise<T>): Promise<T> {
    const kept = this.items.get(key);
    if (kept !== undefined) return kept;
    const made = make();
    made.catch(() => {
      if (this.items.get(key) === made) this.items.delete(key);
    });
    if (this.items.size >= this.max) {
      const oldest = this.items.keys().next();
      if (oldest.done !== true) this.items.delete(oldest.value);
    }
    this.items.set(key, made);
    return made;
  }
}
