import { createBareBot } from '../bare-bot';
import { serveOverIpc } from './serve-over-ipc';

/** The bare teams-ai bot (see bare-bot.ts) in its own process. */
await serveOverIpc({ server: createBareBot(), idle: async () => undefined, close: async () => undefined });
