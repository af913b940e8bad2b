import { createBareBot } from './bare-app';
import { serveOverIpc } from './serve-over-ipc';

/** The bare teams-ai bot (see bare-app.ts) in its own process. */
await serveOverIpc({ server: createBareBot(), idle: async () => undefined, close: async () => undefined });
