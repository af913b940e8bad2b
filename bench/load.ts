import { Agent, request } from 'node:http';
import { performance } from 'node:perf_hooks';

export interface LoadResult {
  latenciesMs: number[];
  wallMs: number;
  errors: number;
  firstError?: string;
  /** Requests not started because the time bound was reached. */
  skipped: number;
}

export interface ClosedLoop {
  /** Simultaneous conversations; each runs its requests one after another. */
  concurrency: number;
  total: number;
  /** No new request starts after this much wall time. */
  maxMs: number;
  /** One request from conversation `worker`; `startedAt` is the performance.now() its latency counts from. */
  send: (worker: number, startedAt: number) => Promise<void>;
  /** No new request starts once this says so (`elapsedMs` since the loop began), as after `maxMs`. */
  stopWhen?: (elapsedMs: number) => boolean;
}

/**
 * Closed-loop load: `concurrency` workers, each a conversation that sends its next request when the previous
 * one answered. Bounded in count (`total`), time (`maxMs`) and, when given, `stopWhen`.
 */
export async function runClosedLoop(loop: ClosedLoop): Promise<LoadResult> {
  const latenciesMs: number[] = [];
  let errors = 0;
  let firstError: string | undefined;
  let started = 0;
  const begin = performance.now();
  const deadline = begin + loop.maxMs;
  const mayStart = (): boolean => {
    const now = performance.now();
    return started < loop.total && now < deadline && loop.stopWhen?.(now - begin) !== true;
  };
  const worker = async (w: number): Promise<void> => {
    while (mayStart()) {
      started += 1;
      const t0 = performance.now();
      try {
        await loop.send(w, t0);
        latenciesMs.push(performance.now() - t0);
      } catch (error) {
        errors += 1;
        firstError ??= error instanceof Error ? error.message : String(error);
      }
    }
  };
  await Promise.all(Array.from({ length: loop.concurrency }, (_, w) => worker(w)));
  return { latenciesMs, wallMs: performance.now() - begin, errors, skipped: loop.total - started, ...(firstError ? { firstError } : {}) };
}

/** A keep-alive HTTP client for one loopback server, one socket per conversation at most. */
export class LoopbackClient {
  private readonly agent: Agent;

  constructor(
    private readonly baseUrl: string,
    maxSockets: number,
  ) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /**
   * POSTs JSON and resolves with the status and full body once the response has ended. A request on a reused
   * keep-alive socket that the server closed as idle at the same moment (ECONNRESET; under heavy load the
   * client's own idle timer fires late) is sent once more on a new socket, as Node's documentation advises.
   */
  async post(path: string, body: unknown): Promise<{ status: number; text: string }> {
    const payload = Buffer.from(JSON.stringify(body));
    try {
      return await this.postOnce(path, payload);
    } catch (error) {
      if (!(error instanceof StaleSocketError)) throw error;
      return this.postOnce(path, payload);
    }
  }

  private postOnce(path: string, payload: Buffer): Promise<{ status: number; text: string }> {
    return new Promise((resolve, reject) => {
      const req = request(
        new URL(path, this.baseUrl),
        { method: 'POST', agent: this.agent, headers: { 'content-type': 'application/json', 'content-length': payload.length } },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (chunk: Buffer) => chunks.push(chunk));
          res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
          res.on('error', reject);
        },
      );
      req.setTimeout(30_000, () => req.destroy(new Error(`POST ${path} timed out after 30 s`)));
      req.on('error', (error: NodeJS.ErrnoException) => reject(req.reusedSocket && error.code === 'ECONNRESET' ? new StaleSocketError(error.message) : error));
      req.end(payload);
    });
  }

  close(): void {
    this.agent.destroy();
  }
}

/** The server had closed the reused keep-alive socket: the request never reached it. */
class StaleSocketError extends Error {
  override readonly name = 'StaleSocketError';
}
