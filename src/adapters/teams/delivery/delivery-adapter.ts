import { CloudAdapter, ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import type { BotCredentials } from '../../../config/env';
import { ConnectorClients, type ConnectorFactory } from './connector-clients';

type ConnectorClient = Awaited<ReturnType<ConnectorFactory['create']>>;

/**
 * The CloudAdapter used for proactive delivery only (inbound turns keep the bot's own TeamsAdapter).
 *
 * botbuilder 4.23 builds every ConnectorClient on an @azure/core-client pipeline whose default retry policy
 * silently retries 429 (sleeping for Retry-After) and 5xx/408 (exponential, from 1 s) up to 3 times, and
 * it ignores `ConnectorClientOptions.noRetryPolicy`. Left in place, one "attempt" of ours could be four HTTP
 * calls and seconds of hidden sleeping, outside the rate limiter. The delivery queue owns retries, so the
 * connector clients this adapter creates have that policy removed.
 */
export function createDeliveryAdapter(credentials: BotCredentials | undefined): CloudAdapter {
  const auth = new NoBuiltInRetryAuthentication(
    credentials
      ? {
          MicrosoftAppId: credentials.appId,
          MicrosoftAppPassword: credentials.appPassword,
          MicrosoftAppType: credentials.appType,
          MicrosoftAppTenantId: credentials.tenantId,
        }
      : {},
  );
  return new CloudAdapter(auth);
}

/** Its connector clients have no built-in retries; they and its user-token clients are kept for every send (`ConnectorClients`). */
class NoBuiltInRetryAuthentication extends ConfigurationBotFrameworkAuthentication {
  private readonly clients = new ConnectorClients(withoutBuiltInRetries);

  override createConnectorFactory(...args: Parameters<ConfigurationBotFrameworkAuthentication['createConnectorFactory']>): ConnectorFactory {
    return this.clients.factory(super.createConnectorFactory(...args), args[0]);
  }

  override createUserTokenClient(...args: Parameters<ConfigurationBotFrameworkAuthentication['createUserTokenClient']>): ReturnType<ConfigurationBotFrameworkAuthentication['createUserTokenClient']> {
    return this.clients.userTokenClient(args[0], () => super.createUserTokenClient(...args));
  }
}

interface PipelineOwner {
  pipeline: { removePolicy(options: { phase: 'Retry' }): unknown[] };
}

/** Removes the core-client retry phase from a connector client; throws if botbuilder's internals moved. */
export function withoutBuiltInRetries(client: ConnectorClient): ConnectorClient {
  // `client` is a private field of botbuilder-stdlib's ServiceClientContext holding the core-client ServiceClient.
  const serviceClient: unknown = Reflect.get(client, 'client');
  if (!isPipelineOwner(serviceClient)) {
    throw new Error(
      'expected botbuilder ConnectorClient to hold a core-client ServiceClient with a pipeline (botbuilder 4.23), found none: ' +
        'cannot disable its built-in retries; check the botbuilder version',
    );
  }
  const removed = serviceClient.pipeline.removePolicy({ phase: 'Retry' });
  if (removed.length === 0) {
    throw new Error('expected a retry policy in the ConnectorClient pipeline, found none: check the botbuilder version');
  }
  return client;
}

function isPipelineOwner(value: unknown): value is PipelineOwner {
  if (typeof value !== 'object' || value === null) return false;
  const pipeline: unknown = Reflect.get(value, 'pipeline');
  return typeof pipeline === 'object' && pipeline !== null && typeof Reflect.get(pipeline, 'removePolicy') === 'function';
}
