import type { Container, ContainerDefinition, CosmosClient, Database } from '@azure/cosmos';
import { cosmosStatusOf, explainPermissionFailure, type CosmosDataAction } from './cosmos-failure';
import type { CosmosRetry } from './cosmos-retry';

/**
 * The five containers and why they are cut this way (docs/cosmos.md has the long form):
 *
 * - `cases`, partitioned by case id: the bot reads and updates a case by the id it put in the card, so
 *   open-a-card and take-a-case are point reads and single-item writes. Only the case's own fields that we
 *   filter or sort on are indexed; pupil data and free text are not.
 * - `case-keys`, partitioned by id: small lookup items with deterministic ids. A submission claim (the
 *   idempotency key), a reference → case id pointer, and one running-number counter per district and year.
 *   Create-if-absent on a deterministic id is what makes a double submit yield one case. Also the address book
 *   and delivery key → case id pointers. Point reads only, so nothing is indexed.
 * - `audit`, partitioned by month of the entry (`2026-11`): append-only, read by period (a data protection
 *   officer's export, retention by age) far more than by case, and many entries have no case at all.
 * - `deliveries`, partitioned by case id: the messages sent about a case. Listing a case's deliveries (to
 *   update its cards in place) is single-partition; the sweep's "not delivered yet" is a small cross-partition
 *   query on status and creation time.
 *
 * - `reminders`, partitioned by due day (`bucket`, UTC `2026-11-25`): the due sweep reads only the buckets
 *   from the oldest one that still holds a pending reminder up to today, each a single-partition query, so it
 *   never fans out over case partitions. A case's reminders (on a case change) are a cross-partition query.
 *
 * Every query's filter and ORDER BY paths must be indexed here; test/unit/adapters/store/cosmos checks it
 * against the queries in cosmos-queries.ts, since the emulator does not enforce indexing.
 */
export const containerDefinitions = {
  cases: {
    id: 'cases',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: {
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [
        { path: '/tenantId/?' },
        { path: '/reporterId/?' },
        { path: '/createdAt/?' },
        { path: '/state/?' },
        { path: '/kind/?' },
        { path: '/routing/schoolDistrictCode/?' },
        { path: '/routing/sstTeamId/?' },
        { path: '/routing/fallbackDistrictCode/?' },
        { path: '/schoolId/?' },
        { path: '/handover/unitId/?' },
        { path: '/handover/state/?' },
        { path: '/handover/handedOverAt/?' },
        { path: '/closedAt/?' },
        { path: '/erasedAt/?' },
      ],
      excludedPaths: [{ path: '/*' }],
      compositeIndexes: [
        [
          { path: '/tenantId', order: 'ascending' },
          { path: '/reporterId', order: 'ascending' },
          { path: '/createdAt', order: 'descending' },
        ],
        [
          { path: '/routing/sstTeamId', order: 'ascending' },
          { path: '/createdAt', order: 'ascending' },
        ],
        [
          { path: '/handover/unitId', order: 'ascending' },
          { path: '/handover/handedOverAt', order: 'ascending' },
        ],
        [
          { path: '/routing/fallbackDistrictCode', order: 'ascending' },
          { path: '/createdAt', order: 'ascending' },
        ],
        [
          { path: '/schoolId', order: 'ascending' },
          { path: '/createdAt', order: 'ascending' },
        ],
      ],
    },
  },
  keys: {
    id: 'case-keys',
    partitionKey: { paths: ['/id'] },
    indexingPolicy: { indexingMode: 'none', automatic: false },
  },
  audit: {
    id: 'audit',
    partitionKey: { paths: ['/month'] },
    indexingPolicy: {
      indexingMode: 'consistent',
      automatic: true,
      includedPaths: [{ path: '/at/?' }, { path: '/caseId/?' }],
      excludedPaths: [{ path: '/*' }],
    },
  },
  deliveries: {
    id: 'deliveries',
    partitionKey: { paths: ['/caseId'] },
    indexingPolicy: {
      indexingMode: 'consistent',
      automatic: true,
      // Addresses (conversation references) and message ids are read back, never searched: not indexed.
      includedPaths: [{ path: '/caseId/?' }, { path: '/status/?' }, { path: '/createdAt/?' }, { path: '/key/?' }],
      excludedPaths: [{ path: '/*' }],
      compositeIndexes: [
        [
          { path: '/createdAt', order: 'ascending' },
          { path: '/key', order: 'ascending' },
        ],
      ],
    },
  },
  reminders: {
    id: 'reminders',
    partitionKey: { paths: ['/bucket'] },
    indexingPolicy: {
      indexingMode: 'consistent',
      automatic: true,
      // Recipients and subjects are read back, never searched: not indexed.
      includedPaths: [{ path: '/caseId/?' }, { path: '/status/?' }, { path: '/dueAt/?' }, { path: '/claimedUntil/?' }],
      excludedPaths: [{ path: '/*' }],
      compositeIndexes: [
        [
          { path: '/dueAt', order: 'ascending' },
          { path: '/id', order: 'ascending' },
        ],
      ],
    },
  },
} as const satisfies Record<string, ContainerDefinition & { id: string; partitionKey: { paths: [string] } }>;

export type ContainerRole = keyof typeof containerDefinitions;
export type CaseContainers = Record<ContainerRole, Container>;

/**
 * `create`: create database and containers when missing (needs the account key: Entra ID identities cannot
 * create them through the data plane). `verify`: they were provisioned elsewhere (Bicep, az CLI); only check
 * that they exist with the partition keys this build expects.
 */
export type CosmosProvisioning = 'create' | 'verify';

export async function openCaseContainers(
  client: CosmosClient,
  databaseId: string,
  provisioning: CosmosProvisioning,
  retry: CosmosRetry,
): Promise<CaseContainers> {
  const database = await openDatabase(client, databaseId, provisioning, retry);
  const open = async (role: ContainerRole): Promise<Container> => {
    const definition = containerDefinitions[role];
    const expected = definition.partitionKey.paths[0];
    const resource = `container "${definition.id}" in database "${databaseId}"`;
    const found =
      provisioning === 'create'
        ? await setupCall(retry, 'create container if missing', resource, 'create database or container', () => database.containers.createIfNotExists(definition))
        : await setupCall(retry, 'read container', resource, 'readMetadata', () => database.container(definition.id).read());
    if (found?.resource === undefined) {
      throw new Error(`Cosmos DB ${resource} does not exist. ${howToProvision} (partition key ${expected}).`);
    }
    const paths = found.resource.partitionKey?.paths ?? [];
    if (paths.length !== 1 || paths[0] !== expected) {
      throw new Error(
        `Cosmos DB ${resource} is partitioned by ${paths.join(', ') || '(nothing)'} but this build expects ${expected}. A partition key cannot be changed: copy the data into a new container.`,
      );
    }
    return found.container;
  };
  return {
    cases: await open('cases'),
    keys: await open('keys'),
    audit: await open('audit'),
    deliveries: await open('deliveries'),
    reminders: await open('reminders'),
  };
}

const howToProvision = 'Create it as docs/cosmos.md describes, or set COSMOS_PROVISION=create together with COSMOS_KEY';

async function openDatabase(client: CosmosClient, databaseId: string, provisioning: CosmosProvisioning, retry: CosmosRetry): Promise<Database> {
  const resource = `database "${databaseId}"`;
  const found =
    provisioning === 'create'
      ? await setupCall(retry, 'create database if missing', resource, 'create database or container', () => client.databases.createIfNotExists({ id: databaseId }))
      : await setupCall(retry, 'read database', resource, 'readMetadata', () => client.database(databaseId).read());
  if (found?.resource === undefined) throw new Error(`Cosmos DB ${resource} does not exist. ${howToProvision}.`);
  return found.database;
}

/** A start-up call: undefined for 404, an operator-readable error for 401/403, anything else as thrown. */
async function setupCall<T>(
  retry: CosmosRetry,
  operation: string,
  resource: string,
  action: CosmosDataAction,
  call: () => Promise<T>,
): Promise<T | undefined> {
  try {
    // Reading and create-if-missing are both safe to repeat.
    return await retry('read', call);
  } catch (error) {
    if (cosmosStatusOf(error) === 404) return undefined;
    throw explainPermissionFailure(error, operation, resource, action);
  }
}
