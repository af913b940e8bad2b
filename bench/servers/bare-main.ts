import { createBareBot } from './bare-app';

/**
 * The bare teams-ai bot started as a program, the way src/main.ts starts ours: listens on HOST:PORT and answers
 * GET /healthz with 200. The start-up section (bench/startup.ts) times it and reads its idle memory.
 */
const server = createBareBot();
server.get('/healthz', async (_req, res) => {
  res.json({ status: 'ok' });
});
server.listen(Number(process.env.PORT ?? 3978), process.env.HOST ?? '127.0.0.1');
process.on('SIGTERM', () => server.close(() => process.exit(0)));
