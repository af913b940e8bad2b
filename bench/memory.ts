import { ConnectorStandIn } from '../test/support/connector-stand-in';
import { loadSampleDirectory } from '../test/support/test-directory';
import { LoopbackClient, runClosedLoop } from './load';
import { ServerProcess } from './server-process';
import type { MemorySample } from './servers/serve-over-ipc';
import { conversations, submitReport } from './traffic';

export interface MemoryResults {
  /** After the first 1,000 submissions, their deliveries settled and a full GC. */
  atFirst: MemorySample;
  /** After 10,000. */
  atLast: MemorySample;
  firstCount: number;
  lastCount: number;
}

const firstCount = 1_000;
const lastCount = 10_000;

/**
 * Resident memory of a fresh server process after 1,000 and after 10,000 report submissions (each routed to
 * its team), read after the deliveries have settled and a forced full GC. The stand-in keeps no calls.
 */
export async function measureMemory(): Promise<MemoryResults> {
  const convs = conversations(loadSampleDirectory(), 10);
  const connector = new ConnectorStandIn({ record: false });
  const serviceUrl = await connector.start();
  try {
    const server = await ServerProcess.start('ours', { BENCH_SERVICE_URL: serviceUrl, BENCH_DELIVERY_LIMITS: 'none' });
    try {
      const client = new LoopbackClient(server.url, convs.length);
      const submit = async (total: number): Promise<void> => {
        const load = await runClosedLoop({
          concurrency: convs.length,
          total,
          maxMs: 180_000,
          send: async (w) => {
            const conv = convs[w];
            if (!conv) throw new Error(`no conversation ${w}`);
            await submitReport(client, serviceUrl, conv);
          },
        });
        if (load.errors > 0 || load.skipped > 0) throw new Error(`memory run: ${load.errors} failed, ${load.skipped} not sent; ${load.firstError ?? ''}`);
        await server.idle();
      };
      await submit(firstCount);
      const atFirst = await server.memory();
      await submit(lastCount - firstCount);
      const atLast = await server.memory();
      client.close();
      return { atFirst, atLast, firstCount, lastCount };
    } finally {
      await server.stop();
    }
  } finally {
    await connector.stop();
  }
}
