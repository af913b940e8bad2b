import { resolve } from 'node:path';
import type { Config } from './env';

/** What the server actually listens on (from `server.address()`). */
export interface ListeningAddress {
  address: string;
  port: number;
}

/**
 * The one start-up log line with what a person checks first: where the bot listens, whether it validates
 * tokens, where cases are stored, which directory and which build is running. Ids and versions only.
 */
export function startupSummary(
  config: Config,
  listening: ListeningAddress,
  facts: { directoryVersion: string; directorySample: boolean; appVersion: string; nodeVersion: string },
): { level: 'info' | 'warn'; line: Record<string, string | number | boolean> } {
  const host = listening.address.includes(':') ? `[${listening.address}]` : listening.address;
  const local = config.credentials === undefined;
  const store: Record<string, string> =
    config.store.kind === 'sqlite'
      ? { store: 'sqlite', dataDir: resolve(config.dataDir) }
      : { store: 'cosmos', cosmosAccount: new URL(config.store.endpoint).host, cosmosDatabase: config.store.databaseId };
  return {
    level: local ? 'warn' : 'info',
    line: {
      event: 'server.started',
      url: `http://${host}:${listening.port}`,
      nodeEnv: config.nodeEnv,
      mode: local ? 'local' : 'authenticated',
      ...(local ? { warning: 'LOCAL_MODE=true: Bot Framework tokens are NOT validated; loopback only, never in production' } : {}),
      ...store,
      directoryVersion: facts.directoryVersion,
      ...(facts.directorySample ? { directorySample: true } : {}),
      appVersion: facts.appVersion,
      node: facts.nodeVersion,
    },
  };
}
