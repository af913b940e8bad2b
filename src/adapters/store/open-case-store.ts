import { join } from 'node:path';
import type { CaseStore } from '../../app/ports/case-store';
import type { StockholmTime } from '../../app/ports/clock';
import type { Config } from '../../config/env';
import { SqliteCaseStore } from './sqlite/sqlite-case-store';
import type { Logger } from '../log/logger';

/**
 * How often the server checkpoints its SQLite WAL from a worker thread (never inside a request's commit). A
 * burst writes a few hundred pages a second; a quarter of a second keeps the WAL small.
 */
export const sqliteCheckpointEveryMs = 250;

/**
 * Opens the case store the configuration asks for: one SQLite file in DATA_DIR, or Cosmos DB. The Cosmos store,
 * the Azure SDK and @azure/identity are imported only when STORE=cosmos: in SQLite mode they would cost start-up
 * time and idle memory for nothing (README, Performance). `stockholm` dates the cases' statistics rows; `log`
 * hears of a failed SQLite checkpoint worker (the server passes it; a one-off script need not).
 */
export async function openCaseStore(config: Config, stockholm: StockholmTime, log?: Logger): Promise<CaseStore> {
  switch (config.store.kind) {
    case 'sqlite':
      return SqliteCaseStore.open(join(config.dataDir, 'sst-bridge.db'), stockholm, {
        checkpointEveryMs: sqliteCheckpointEveryMs,
        onCheckpointerFailure: (error) =>
          log?.error({ event: 'store.checkpointer_failed', errorName: error instanceof Error ? error.name : 'unknown' }),
      });
    case 'cosmos': {
      const { endpoint, key, managedIdentityClientId, databaseId, provisioning } = config.store;
      const [{ CosmosClient }, { CosmosCaseStore }, { cosmosClientOptions }] = await Promise.all([
        import('@azure/cosmos'),
        import('./cosmos/cosmos-case-store'),
        import('./cosmos/cosmos-client'),
      ]);
      return CosmosCaseStore.open({
        client: new CosmosClient(cosmosClientOptions({ endpoint, key, managedIdentityClientId })),
        databaseId,
        provisioning,
        stockholm,
      });
    }
  }
}
