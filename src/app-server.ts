import type { Server } from 'restify';
import type { CaseStore, Clock, IdSource } from './app/ports';
import type { Config } from './config/env';
import type { Directory } from './domain/routing/directory';
import { createServer } from './adapters/http/server';
import type { Logger } from './adapters/log/logger';
import { createBot } from './adapters/teams/create-bot';

export interface AppDeps {
  config: Pick<Config, 'credentials' | 'allowedTenants' | 'maxBodyBytes'>;
  store: CaseStore;
  clock: Clock;
  ids: IdSource;
  directory: () => Directory;
  log: Logger;
}

/** Wires bot and HTTP edge from already-built adapters; used by main.ts and by the end-to-end tests. */
export function createAppServer(deps: AppDeps): Server {
  const bot = createBot({
    store: deps.store,
    clock: deps.clock,
    ids: deps.ids,
    directory: deps.directory,
    log: deps.log,
    credentials: deps.config.credentials,
    allowedTenants: deps.config.allowedTenants,
  });
  return createServer({
    handleMessages: (req, res) => bot.process(req, res),
    log: deps.log,
    maxBodyBytes: deps.config.maxBodyBytes,
    health: () => ({ directoryVersion: deps.directory().version }),
    // With credentials botbuilder checks the serviceUrl against the signed token. Without them (local mode)
    // nothing vouches for it, so the bot only answers on this machine and cannot be made to call elsewhere.
    isAllowedServiceUrl: deps.config.credentials ? (url) => url.protocol === 'https:' : isLoopback,
  });
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

function isLoopback(url: URL): boolean {
  return (url.protocol === 'http:' || url.protocol === 'https:') && (loopbackHosts.has(url.hostname) || /^127\.\d+\.\d+\.\d+$/.test(url.hostname));
}
