import { randomUUID } from 'node:crypto';
import { Agent } from 'node:https';
import type { AddressInfo } from 'node:net';
import { CosmosClient } from '@azure/cosmos';
import { createHttpsServer } from '@vercel/cosmosdb-server';
import { CosmosCaseStore, type CosmosCaseStoreOptions } from '../../src/adapters/store/cosmos/cosmos-case-store';
import { cosmosClientOptions } from '../../src/adapters/store/cosmos/cosmos-client';
import { stockholmTime } from './fixed-clock';

/**
 * An in-process @vercel/cosmosdb-server on 127.0.0.1 and an ephemeral port, started on first use. It serves
 * HTTPS with a self-signed certificate, so clients made here (and only these) skip certificate checks; it
 * ignores the key, any base64 string will do. docs/cosmos.md lists what it does not emulate.
 */
export class CosmosEmulator {
  private started: Promise<{ endpoint: string; close: () => Promise<void> }> | undefined;
  private readonly agents = new Set<Agent>();

  /** The emulator's https://127.0.0.1:<port> endpoint, for a client in another process (which must skip certificate checks). */
  async endpoint(): Promise<string> {
    return (await this.start()).endpoint;
  }

  async client(): Promise<CosmosClient> {
    const { endpoint } = await this.start();
    // Keep-alive as the SDK's own agent has it: without it every request pays a fresh TLS handshake, which
    // made the emulator suites spend most of their time on handshakes rather than on the store.
    const agent = new Agent({ rejectUnauthorized: false, keepAlive: true });
    this.agents.add(agent);
    return new CosmosClient({
      ...cosmosClientOptions({ endpoint, key: Buffer.from('cosmosdb-server ignores the key').toString('base64') }),
      agent,
    });
  }

  /** A store on `databaseId` (created on first open) with its own client, as a second process would have. */
  async openStore(databaseId: string, options: Partial<CosmosCaseStoreOptions> = {}): Promise<CosmosCaseStore> {
    return CosmosCaseStore.open({ client: await this.client(), databaseId, provisioning: 'create', stockholm: stockholmTime, ...options });
  }

  async dropDatabase(databaseId: string): Promise<void> {
    const client = await this.client();
    try {
      await client.database(databaseId).delete();
    } finally {
      client.dispose();
    }
  }

  async stop(): Promise<void> {
    const started = this.started;
    this.started = undefined;
    for (const agent of this.agents) agent.destroy();
    this.agents.clear();
    if (started) await (await started).close();
  }

  private start() {
    this.started ??= new Promise((resolve, reject) => {
      const server = createHttpsServer();
      server.once('error', reject);
      server.listen(0, '127.0.0.1', () => {
        const { port } = server.address() as AddressInfo;
        resolve({
          endpoint: `https://127.0.0.1:${port}`,
          close: () => new Promise<void>((done, fail) => server.close((error) => (error ? fail(error) : done()))),
        });
      });
    });
    return this.started;
  }
}

export const aDatabaseId = (purpose: string): string => `${purpose}-${randomUUID()}`;
