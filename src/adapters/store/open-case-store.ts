import { join } from 'node:path';
import { CosmosClient } from '@azure/cosmos';
import type { CaseStore } from '../../app/ports';
import type { Config } from '../../config/env';
import { CosmosCaseStore } from './cosmos/cosmos-case-store';
import { cosmosClientOptions } from './cosmos/cosmos-client';
import { SqliteCaseStore } from './sqlite/sqlite-case-store';

/** Opens the case store the configuration asks for: one SQLite file in DATA_DIR, or Cosmos DB. */
export async function openCaseStore(config: Config): Promise<CaseStore> {
  switch (config.store.kind) {
    case 'sqlite':
      return SqliteCaseStore.open(join(config.dataDir, 'sst-bridge.db'));
    case 'cosmos': {
      const { endpoint, key, managedIdentityClientId, databaseId, provisioning } = config.store;
      return CosmosCaseStore.open({
        client: new CosmosClient(cosmosClientOptions({ endpoint, key, managedIdentityClientId })),
        databaseId,
        provisioning,
      });
    }
  }
}
