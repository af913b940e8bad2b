import type { CosmosClientOptions } from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';

export interface CosmosConnection {
  endpoint: string;
  /** Account key. Without it the client authenticates with Entra ID (managed identity in Azure). */
  key?: string;
  /** Client id of a user-assigned managed identity; without it DefaultAzureCredential picks the identity. */
  managedIdentityClientId?: string;
}

/**
 * Client options for the case store. The SDK retries 429s on its own and waits what the service asks for
 * (`x-ms-retry-after-ms`) as long as no fixed interval is set; we bound that to a few tries and seconds so a
 * Teams invoke fails within its window instead of hanging, and `cosmos-retry.ts` adds the rest.
 */
export function cosmosClientOptions(connection: CosmosConnection): CosmosClientOptions {
  const auth: Pick<CosmosClientOptions, 'key' | 'aadCredentials'> =
    connection.key !== undefined
      ? { key: connection.key }
      : {
          aadCredentials: new DefaultAzureCredential(
            connection.managedIdentityClientId === undefined ? {} : { managedIdentityClientId: connection.managedIdentityClientId },
          ),
        };
  return {
    endpoint: connection.endpoint,
    ...auth,
    userAgentSuffix: 'sst-bridge',
    connectionPolicy: {
      requestTimeout: 10_000,
      retryOptions: { maxRetryAttemptCount: 5, maxWaitTimeInSeconds: 10 },
    },
  };
}
