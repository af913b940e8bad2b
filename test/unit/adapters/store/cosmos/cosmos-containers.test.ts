import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { containerDefinitions, parseContainerDefinitions } from '../../../../../src/adapters/store/cosmos/cosmos-containers';

type Json = { containers: Record<string, Record<string, unknown> & { partitionKey: Record<string, unknown>; indexingPolicy: Record<string, unknown> }> };
const infraFile = (): Json => JSON.parse(readFileSync(new URL('../../../../../infra/cosmos-containers.json', import.meta.url), 'utf8')) as Json;

function entry(file: Json, role: string): Json['containers'][string] {
  const found = file.containers[role];
  if (found === undefined) throw new Error(`no container ${role} in the file`);
  return found;
}

function refused(change: (file: Json) => void): string {
  const file = infraFile();
  change(file);
  try {
    parseContainerDefinitions(file);
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  throw new Error('the changed file was accepted');
}

describe('infra/cosmos-containers.json as the store reads it', () => {
  it('gives the store its five containers with the ids, partition keys and policies of the file', () => {
    expect(Object.keys(containerDefinitions).sort()).toEqual(['audit', 'cases', 'deliveries', 'keys', 'outbox', 'reminders']);
    expect(containerDefinitions).toEqual(infraFile().containers);
    expect(containerDefinitions.keys).toMatchObject({ id: 'case-keys', partitionKey: { paths: ['/id'], kind: 'Hash', version: 2 } });
  });

  it('refuses a file without one of the containers the store opens', () => {
    expect(refused((f) => delete f.containers['reminders'])).toMatch(/containers\.reminders: Required/);
  });

  it('refuses a container partitioned by two paths, or by a nested field', () => {
    expect(refused((f) => (entry(f, 'cases').partitionKey['paths'] = ['/id', '/tenantId']))).toMatch(/containers\.cases\.partitionKey\.paths/);
    expect(refused((f) => (entry(f, 'audit').partitionKey['paths'] = ['/entry/month']))).toMatch(/one top-level field/);
  });

  it('refuses settings the store and the Bicep would not both apply: a TTL, a unique key policy, the first hash version', () => {
    expect(refused((f) => (entry(f, 'audit')['defaultTtl'] = 3600))).toMatch(/containers\.audit: Unrecognized key\(s\) in object: 'defaultTtl'/);
    expect(refused((f) => (entry(f, 'keys')['uniqueKeyPolicy'] = { uniqueKeys: [] }))).toMatch(/Unrecognized key/);
    expect(refused((f) => (entry(f, 'cases').partitionKey['version'] = 1))).toMatch(/containers\.cases\.partitionKey\.version/);
  });

  it('refuses two containers with one id, and a composite index of one path', () => {
    expect(refused((f) => (entry(f, 'deliveries')['id'] = 'cases'))).toMatch(/every container needs its own id/);
    expect(refused((f) => (entry(f, 'reminders').indexingPolicy['compositeIndexes'] = [[{ path: '/dueAt', order: 'ascending' }]]))).toMatch(
      /containers\.reminders\.indexingPolicy\.compositeIndexes\.0/,
    );
  });
});
