import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { ServerProcess, removeServerBundles } from '../../../bench/server-process';

/** `npm run bench`'s server processes: a server that dies fails its section at once instead of hanging the run. */
describe('bench server process', () => {
  const before = process.env.BENCH_OURS_ENTRY;
  afterEach(() => {
    removeServerBundles();
    if (before === undefined) delete process.env.BENCH_OURS_ENTRY;
    else process.env.BENCH_OURS_ENTRY = before;
  });

  it('a server that dies fails what waits for it and what is asked after, and stopping it then resolves', async () => {
    process.env.BENCH_OURS_ENTRY = fileURLToPath(new URL('./fixtures/dying-server.ts', import.meta.url));
    const server = await ServerProcess.start('ours', {});
    // Without the exit handling this waited for the 120 s timeout of a request, and stopping crashed on the closed channel.
    await expect(server.idle()).rejects.toThrow('server exited (code 3) before it answered');
    await expect(server.memory()).rejects.toThrow('server exited (code 3); cannot ask "memory"');
    await expect(server.stop()).resolves.toBeUndefined();
    await expect(server.terminate()).resolves.toBeUndefined();
  }, 20_000);
});
