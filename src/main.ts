import { SystemClock } from './adapters/clock/system-clock';
import { UuidIds } from './adapters/ids/uuid-ids';
import { createLogger } from './adapters/log/logger';
import { openCaseStore } from './adapters/store/open-case-store';
import { createAppServer } from './app-server';
import { loadDirectoryFile } from './config/directory';
import { loadConfig } from './config/env';
import type { Directory } from './domain/routing/directory';

/** Composition root: the only file that reads process.env and picks concrete adapters. */
async function main(): Promise<void> {
  const loaded = loadConfig(process.env);
  if (!loaded.ok) {
    process.stderr.write(`SST Bridge cannot start, the configuration has problems:\n${loaded.errors.map((e) => `- ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const config = loaded.config;
  const log = createLogger(config.logLevel);
  let directory: Directory = loadDirectoryFile(config.directoryFile);
  const store = await openCaseStore(config);
  const server = createAppServer({
    config,
    store,
    clock: new SystemClock(),
    ids: new UuidIds(),
    directory: () => directory,
    log,
  });

  // A reload swaps the whole directory; a bad file keeps the old one and says why.
  process.on('SIGHUP', () => {
    try {
      directory = loadDirectoryFile(config.directoryFile);
      log.info({ event: 'directory.reloaded', version: directory.version });
    } catch (error) {
      log.error({ event: 'directory.reload_failed', reason: error instanceof Error ? error.message : 'unknown' });
    }
  });
  const shutdown = (signal: string) => {
    log.info({ event: 'server.stopping', signal });
    server.close(() => {
      void store.close().then(() => process.exit(0));
    });
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  server.listen(config.port, config.host, () => {
    log.info({
      event: 'server.started',
      port: config.port,
      mode: config.credentials ? 'authenticated' : 'local',
      directoryVersion: directory.version,
    });
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`SST Bridge failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
