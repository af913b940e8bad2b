/**
 * Reading Cosmos DB failures by status code, never by message. The SDK throws `ErrorResponse` objects whose
 * `code` is the HTTP status (a number) and whose `substatus` narrows it down; Node network failures carry a
 * string `code` such as `ECONNRESET` instead.
 */
export function cosmosStatusOf(error: unknown): number | undefined {
  const code = fieldOf(error, 'code');
  return typeof code === 'number' ? code : undefined;
}

export function cosmosSubstatusOf(error: unknown): number | undefined {
  const substatus = fieldOf(error, 'substatus');
  return typeof substatus === 'number' ? substatus : undefined;
}

/** How long the service asked us to wait (429), if it said. */
export function retryAfterMsOf(error: unknown): number | undefined {
  for (const key of ['retryAfterInMs', 'retryAfterInMilliseconds'] as const) {
    const value = fieldOf(error, key);
    if (typeof value === 'number' && Number.isFinite(value) && value >= 0) return value;
  }
  return undefined;
}

export function networkCodeOf(error: unknown): string | undefined {
  const code = fieldOf(error, 'code');
  return typeof code === 'string' ? code : undefined;
}

function fieldOf(error: unknown, key: string): unknown {
  if (typeof error !== 'object' || error === null) return undefined;
  const value: unknown = Reflect.get(error, key);
  return value;
}

/** Data actions of Cosmos DB's native RBAC (https://learn.microsoft.com/azure/cosmos-db/nosql/security/reference-data-plane-actions). */
export type CosmosDataAction =
  | 'readMetadata'
  | 'items/read'
  | 'items/create'
  | 'items/replace'
  | 'items/upsert'
  | 'items/delete'
  | 'executeQuery'
  | 'create database or container';

const actionNames: Record<CosmosDataAction, string> = {
  readMetadata: 'Microsoft.DocumentDB/databaseAccounts/readMetadata',
  'items/read': 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/read',
  'items/create': 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create',
  'items/replace': 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/replace',
  'items/upsert': 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/upsert',
  'items/delete': 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/delete',
  executeQuery: 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/executeQuery',
  'create database or container': 'none: data-plane RBAC cannot create databases or containers',
};

/**
 * Cosmos DB refused an operation for lack of rights (401/403). The message is for the operator: which
 * operation on which resource, and which permission or setting fixes it.
 */
export class CosmosPermissionError extends Error {
  override readonly name = 'CosmosPermissionError';

  constructor(
    readonly operation: string,
    readonly resource: string,
    readonly action: CosmosDataAction,
    readonly status: number,
    options?: { cause?: unknown },
  ) {
    super(permissionMessage(operation, resource, action, status, options?.cause), options);
  }
}

function permissionMessage(operation: string, resource: string, action: CosmosDataAction, status: number, cause: unknown): string {
  const substatus = cosmosSubstatusOf(cause);
  const seen = `Cosmos DB answered ${status}${substatus === undefined ? '' : `/${substatus}`} to "${operation}" on ${resource}.`;
  if (status === 401) {
    return `${seen} The credentials were not accepted: check COSMOS_KEY (the account's primary or secondary key), or, without a key, that the managed identity can get a token for the account.`;
  }
  if (action === 'create database or container') {
    return `${seen} Creating databases and containers needs the account key: Entra ID identities cannot do it through the data plane. Either set COSMOS_KEY, or create database and containers with Bicep/ARM or the Azure CLI (see docs/cosmos.md) and set COSMOS_PROVISION=verify.`;
  }
  return `${seen} The identity needs the data action ${actionNames[action]}, for example through the built-in role "Cosmos DB Built-in Data Contributor" (00000000-0000-0000-0000-000000000002) assigned on the account or on database scope (az cosmosdb sql role assignment create).`;
}

/** Turns 401/403 into CosmosPermissionError; leaves every other failure as it is. */
export function explainPermissionFailure(error: unknown, operation: string, resource: string, action: CosmosDataAction): unknown {
  const status = cosmosStatusOf(error);
  if (status === 401 || status === 403) return new CosmosPermissionError(operation, resource, action, status, { cause: error });
  return error;
}
