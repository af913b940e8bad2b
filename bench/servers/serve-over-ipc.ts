import type { AddressInfo } from 'node:net';
import { getHeapCodeStatistics } from 'node:v8';

export interface MemorySample {
  rss: number;
  heapUsed: number;
  heapTotal: number;
  external: number;
  /**
   * The part of `heapUsed` that is V8's own code: compiled code and bytecode with their metadata (relocation
   * info, deoptimization data, constant pools, source positions; `v8.getHeapCodeStatistics()`). It grows while
   * V8 optimizes the hot paths and shrinks when it flushes the bytecode of functions not run lately; neither
   * is data the bot holds.
   */
  code: number;
}

export type ChildRequest = { id: number; type: 'idle' | 'memory' | 'cpu' | 'stop' };
export type ChildReply =
  | { type: 'listening'; url: string }
  | { id: number; type: 'idle' | 'stopped' }
  | { id: number; type: 'memory'; memory: MemorySample }
  | { id: number; type: 'cpu'; micros: number };

export interface ServedApp {
  /** A restify or node:http server, not yet listening. */
  server: {
    listen(port: number, host: string, callback: () => void): unknown;
    address(): AddressInfo | string | null;
    close(callback: () => void): unknown;
  };
  idle(): Promise<void>;
  close(): Promise<void>;
}

/** Child side of ServerProcess: listens on a loopback port and answers the parent's requests over IPC. */
export async function serveOverIpc(app: ServedApp): Promise<void> {
  const send = (reply: ChildReply): void => {
    process.send?.(reply);
  };
  await new Promise<void>((resolve) => app.server.listen(0, '127.0.0.1', () => resolve()));
  const address = app.server.address();
  if (address === null || typeof address === 'string') throw new Error(`expected a TCP address, got ${String(address)}`);
  const { port } = address;
  process.on('message', (request: ChildRequest) => {
    void answer(request).catch((error: unknown) => {
      process.stderr.write(`bench server: "${request.type}" failed: ${error instanceof Error ? error.stack : String(error)}\n`);
      process.exit(1);
    });
  });
  // The parent going away (Ctrl-C, a crash) takes the server with it.
  process.on('disconnect', () => process.exit(0));
  send({ type: 'listening', url: `http://127.0.0.1:${port}` });

  async function answer(request: ChildRequest): Promise<void> {
    switch (request.type) {
      case 'idle':
        await app.idle();
        return send({ id: request.id, type: 'idle' });
      case 'cpu': {
        const { user, system } = process.cpuUsage();
        return send({ id: request.id, type: 'cpu', micros: user + system });
      }
      case 'memory':
        return send({ id: request.id, type: 'memory', memory: await sampleMemory() });
      case 'stop':
        await app.idle();
        await new Promise<void>((resolve) => app.server.close(() => resolve()));
        await app.close();
        process.exit(0);
    }
  }
}

async function sampleMemory(): Promise<MemorySample> {
  const gc = globalThis.gc;
  if (typeof gc !== 'function') throw new Error('expected the bench server to run with --expose-gc, found no global gc()');
  // Two rounds with a turn of the event loop between them, so that finalizers and weak callbacks have run.
  gc();
  await new Promise((resolve) => setImmediate(resolve));
  gc();
  const { rss, heapUsed, heapTotal, external } = process.memoryUsage();
  const { code_and_metadata_size: compiled, bytecode_and_metadata_size: bytecode } = getHeapCodeStatistics();
  return { rss, heapUsed, heapTotal, external, code: compiled + bytecode };
}
