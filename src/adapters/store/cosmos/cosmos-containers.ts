import { PartitionKeyDefinitionVersion, PartitionKeyKind, type Container, type CosmosClient, type Database } from '@azure/cosmos';
import { z } from 'zod';
import containersFile from '../../../../infra/cosmos-containers.json';
import { cosmosStatusOf, explainPermissionFailure, type CosmosDataAction } from './cosmos-failure';
import type { CosmosRetry } from './cosmos-retry';

const indexPathSchema = z.string().regex(/^\/[A-Za-z0-9_/]*(\?|\*)$/, 'an index path such as /field/? or /*');
const compositePathSchema = z
  .object({ path: z.string().regex(/^\/[A-Za-z0-9_/]+$/, 'a field path such as /field'), order: z.enum(['ascending', 'descending']) })
  .strict();

// Only what the store and the Bicep both understand: an unknown key (a TTL, a unique key policy) is refused here
// rather than applied by one side and ignored by the other.
const indexingPolicySchema = z.discriminatedUnion('indexingMode', [
  z
    .object({
      indexingMode: z.literal('consistent'),
      automatic: z.literal(true),
      includedPaths: z.array(z.object({ path: indexPathSchema }).strict()).min(1),
      excludedPaths: z.array(z.object({ path: indexPathSchema }).strict()),
      compositeIndexes: z.array(z.array(compositePathSchema).min(2)).optional(),
    })
    .strict(),
  // Point reads only: nothing is indexed.
  z.object({ indexingMode: z.literal('none'), automatic: z.literal(false) }).strict(),
]);

const containerSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9-]{0,62}$/, 'a container name: lower case letters, digits and -'),
    partitionKey: z
      .object({
        paths: z.tuple([z.string().regex(/^\/[A-Za-z]+$/, 'one top-level field such as /id')]),
        kind: z.literal(PartitionKeyKind.Hash),
        version: z.literal(PartitionKeyDefinitionVersion.V2),
      })
      .strict(),
    indexingPolicy: indexingPolicySchema,
  })
  .strict();

const containersFileSchema = z
  .object({
    $comment: z.string().optional(),
    containers: z
      .object({ cases: containerSchema, keys: containerSchema, audit: containerSchema, deliveries: containerSchema, reminders: containerSchema, outbox: containerSchema })
      .strict()
      .refine((c) => new Set(Object.values(c).map((d) => d.id)).size === Object.keys(c).length, 'every container needs its own id'),
  })
  .strict();

export type ContainerDefinitions = z.output<typeof containersFileSchema>['containers'];

/** Checks a containers file (infra/cosmos-containers.json) and returns its definitions; throws with every problem. */
export function parseContainerDefinitions(json: unknown): ContainerDefinitions {
  const parsed = containersFileSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `- ${i.path.join('.') || '(file)'}: ${i.message}`);
    throw new Error(`infra/cosmos-containers.json is not a valid container definition:\n${problems.join('\n')}`);
  }
  return parsed.data.containers;
}

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
 * - `reminders`, partitioned by due day (`bucket`, UTC `2026-11-25`): the due sweep reads only the buckets
 *   from the oldest one that still holds a pending reminder up to today, each a single-partition query, so it
 *   never fans out over case partitions. A case's reminders (on a case change) are a cross-partition query.
 *   The bucket `to-plan` holds the markers of cases whose reminders, or first messages, are still to be planned.
 *
 * - `outbox`, partitioned by conversation lane: the queued messages of one conversation, its lease, pause and
 *   send log (cosmos-outbox.ts, docs/delivery.md "Outbox"), plus one send-log item per tenant.
 *
 * Addresses, recipients, subjects and message ids are read back, never searched: not indexed.
 *
 * The definitions live in infra/cosmos-containers.json, which infra/main.bicep reads too (`loadJsonContent`), so
 * the store and the infrastructure cannot disagree. Every query's filter and ORDER BY paths must be indexed
 * there; test/unit/adapters/store/cosmos checks it against the queries in cosmos-queries.ts, since the emulator
 * does not enforce indexing.
 */
export const containerDefinitions: ContainerDefinitions = parseContainerDefinitions(containersFile);

export type ContainerRole = keyof ContainerDefinitions;
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
    outbox: await open('outbox'),
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
