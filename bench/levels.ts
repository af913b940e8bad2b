import { performance } from 'node:perf_hooks';
import { LoopbackClient, runClosedLoop, type LoadResult } from './load';
import type { ServerProcess } from './server-process';
import { summarize, type Summary } from './stats';

/**
 * Concurrent conversations and requests per level; c = 1 needs fewer requests for a stable p99. Each report's
 * three cards are waited for after its level, so every report measured costs the run about 10 ms more here.
 */
export const levels: readonly Level[] = [
  { concurrency: 1, total: 300 },
  { concurrency: 10, total: 600 },
  { concurrency: 50, total: 1_200 },
];

export interface Level {
  concurrency: number;
  total: number;
}

/** No level may take longer than this; what did not start is reported as skipped. */
export const levelMaxMs = 60_000;

/**
 * SST Bridge's levels stop starting requests after this much time, so that a slower machine gives fewer
 * samples (the table says how many) instead of a run that goes on for many minutes. Every level of ours
 * finishes well within it on the machine the README's figures come from.
 */
export const oursLevelMaxMs = 8_000;

export interface LevelResult {
  concurrency: number;
  /** Requests the level meant to send; `summary.count` says how many it did within its time bound. */
  total: number;
  /** The level's time bound. */
  maxMs: number;
  /** The bound on the level and the work it leaves (its cards), when it has one (`WithItsWork`). */
  withItsWorkMs?: number;
  summary: Summary;
  load: LoadResult;
  /** Share of one core the server process and this process (load and stand-in) used during the level. */
  serverCpu: number;
  loadCpu: number;
}

/**
 * A level's time bound that covers the work it leaves for the server as well as its requests: no request starts
 * once the time spent plus `projectedMs()` (what the work outstanding would take to settle) reaches `budgetMs`.
 */
export interface WithItsWork {
  budgetMs: number;
  projectedMs: () => number;
}

/**
 * Runs `send` at every level against `baseUrl`, after `warmUp` requests at c = 10. `settle` runs after the
 * warm-up and after each level (concurrency 0 for the warm-up), outside the measured time.
 */
export async function measureLevels(
  server: Pick<ServerProcess, 'url' | 'cpuMicros'>,
  warmUp: number,
  send: (client: LoopbackClient, worker: number, startedAt: number) => Promise<void>,
  settle: (concurrency: number, wallMs: number) => Promise<void> = async () => undefined,
  measured: readonly Level[] = levels,
  maxMs = levelMaxMs,
  withItsWork?: WithItsWork,
): Promise<LevelResult[]> {
  const baseUrl = server.url;
  const warm = new LoopbackClient(baseUrl, 10);
  const warmBegin = performance.now();
  if (warmUp > 0) await runClosedLoop({ concurrency: 10, total: warmUp, maxMs, send: (w, t0) => send(warm, w, t0) });
  warm.close();
  await settle(0, performance.now() - warmBegin);
  const results: LevelResult[] = [];
  for (const { concurrency, total } of measured) {
    const client = new LoopbackClient(baseUrl, concurrency);
    const serverBefore = await server.cpuMicros();
    const loadBefore = process.cpuUsage();
    const load = await runClosedLoop({
      concurrency,
      total,
      maxMs,
      send: (w, t0) => send(client, w, t0),
      ...(withItsWork ? { stopWhen: (elapsedMs: number) => elapsedMs + withItsWork.projectedMs() >= withItsWork.budgetMs } : {}),
    });
    const loadUsed = process.cpuUsage(loadBefore);
    const serverUsed = (await server.cpuMicros()) - serverBefore;
    client.close();
    if (load.errors > 0) throw new Error(`${load.errors} of ${total} requests failed at c = ${concurrency}; first: ${load.firstError ?? ''}`);
    const share = (micros: number) => micros / 1000 / load.wallMs;
    results.push({
      concurrency,
      total,
      maxMs,
      ...(withItsWork ? { withItsWorkMs: withItsWork.budgetMs } : {}),
      summary: summarize(load.latenciesMs, load.wallMs),
      load,
      serverCpu: share(serverUsed),
      loadCpu: share(loadUsed.user + loadUsed.system),
    });
    await settle(concurrency, load.wallMs);
  }
  return results;
}

/** The load column of a level: its concurrency, and how many requests it sent when its time bound cut it short. */
export const levelLoad = (level: Pick<LevelResult, 'concurrency' | 'total' | 'maxMs' | 'withItsWorkMs' | 'summary'>): string => {
  if (level.summary.count >= level.total) return `c=${level.concurrency}`;
  const bound = level.withItsWorkMs === undefined ? `in ${(level.maxMs / 1000).toFixed(0)} s` : `in ${(level.maxMs / 1000).toFixed(0)} s, ${(level.withItsWorkMs / 1000).toFixed(0)} s with their cards`;
  return `c=${level.concurrency}, ${level.summary.count.toLocaleString('en')} of ${level.total.toLocaleString('en')} ${bound}`;
};
