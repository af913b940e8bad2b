import { readFileSync } from 'node:fs';
import { createServer, Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { CosmosClient, ErrorResponse } from '@azure/cosmos';
import { afterEach, describe, expect, it } from 'vitest';
import { CosmosCaseStore } from '../../../../../src/adapters/store/cosmos/cosmos-case-store';
import { cosmosClientOptions } from '../../../../../src/adapters/store/cosmos/cosmos-client';
import { CosmosPermissionError, explainPermissionFailure } from '../../../../../src/adapters/store/cosmos/cosmos-failure';
import { stockholmTime } from '../../../../support/fixed-clock';

function cosmosError(code: number, substatus?: number): ErrorResponse {
  const error = new ErrorResponse(`status ${code}`);
  error.code = code;
  if (substatus !== undefined) error.substatus = substatus;
  return error;
}

describe('permission failures', () => {
  it('names the missing data action and the role that grants it', () => {
    const error = explainPermissionFailure(cosmosError(403, 5301), 'create item', 'container "audit"', 'items/create');
    expect(error).toBeInstanceOf(CosmosPermissionError);
    expect(error).toMatchObject({
      message: expect.stringContaining('Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers/items/create'),
      cause: expect.objectContaining({ code: 403 }),
    });
    const message = error instanceof Error ? error.message : '';
    expect(message).toContain('403/5301 to "create item" on container "audit"');
    expect(message).toContain('Cosmos DB Built-in Data Contributor');
  });

  it('explains that a managed identity cannot create databases or containers', () => {
    const error = explainPermissionFailure(cosmosError(403), 'create database if missing', 'database "sst-bridge"', 'create database or container');
    expect(error).toMatchObject({ message: expect.stringContaining('COSMOS_PROVISION=verify') });
  });

  it('points at the key when the credentials themselves are refused', () => {
    const error = explainPermissionFailure(cosmosError(401), 'read item', 'container "cases"', 'items/read');
    expect(error).toMatchObject({ message: expect.stringContaining('COSMOS_KEY') });
  });

  it.each([404, 409, 412, 429, 503])('leaves other failures (%i) as they are', (code) => {
    const original = cosmosError(code);
    expect(explainPermissionFailure(original, 'read item', 'container "cases"', 'items/read')).toBe(original);
  });
});

describe('opening the store without rights', () => {
  // A stand-in for a Cosmos DB account that refuses everything the way RBAC does: 403, substatus 5301.
  const certificateDir = dirname(createRequire(import.meta.url).resolve('@vercel/cosmosdb-server/package.json'));
  let close: (() => Promise<void>) | undefined;
  afterEach(async () => {
    await close?.();
    close = undefined;
  });

  async function refusingAccount(): Promise<string> {
    const server = createServer(
      { cert: readFileSync(join(certificateDir, 'cert.pem')), key: readFileSync(join(certificateDir, 'key.pem')) },
      (req, res) => {
        req.resume();
        res.writeHead(403, { 'content-type': 'application/json', 'x-ms-substatus': '5301', connection: 'close' });
        res.end(JSON.stringify({ code: 'Forbidden', message: 'Request blocked by Auth: principal lacks required RBAC permissions' }));
      },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    close = () => new Promise((resolve) => server.close(() => resolve()));
    return `https://127.0.0.1:${(server.address() as AddressInfo).port}`;
  }

  it.each([
    ['verify', 'Microsoft.DocumentDB/databaseAccounts/readMetadata'],
    ['create', 'COSMOS_PROVISION=verify'],
  ] as const)('stops start-up with an operator message (provisioning=%s)', async (provisioning, advice) => {
    const endpoint = await refusingAccount();
    const client = new CosmosClient({
      ...cosmosClientOptions({ endpoint, key: Buffer.from('any').toString('base64') }),
      agent: new Agent({ rejectUnauthorized: false }),
    });
    const opening = CosmosCaseStore.open({ client, databaseId: 'sst-bridge', provisioning, stockholm: stockholmTime });
    await expect(opening).rejects.toBeInstanceOf(CosmosPermissionError);
    await expect(opening).rejects.toMatchObject({ message: expect.stringContaining(advice) });
    await expect(opening).rejects.toMatchObject({ message: expect.stringContaining('database "sst-bridge"') });
  });
});
