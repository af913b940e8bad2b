import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = 3;
const readyWithinMs = 30_000;

/**
 * Start-up as an operator sees it: `tsx src/main.ts` in local mode on a free loopback port with an empty
 * DATA_DIR, timed from spawn until GET /healthz answers 200 (migrations, directory and calendar included).
 * Returns each run in milliseconds; the first run may include tsx filling its transform cache.
 */
export async function measureStartup(): Promise<number[]> {
  const times: number[] = [];
  for (let i = 0; i < runs; i += 1) times.push(await startOnce());
  return times;
}

async function startOnce(): Promise<number> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-startup-'));
  const begin = performance.now();
  const child = spawn(join(root, 'node_modules/.bin/tsx'), ['src/main.ts'], {
    cwd: root,
    // Only what main.ts needs, so that a developer's own Microsoft* variables cannot change the mode.
    env: { PATH: process.env.PATH ?? '', LOCAL_MODE: 'true', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  try {
    for (;;) {
      if (performance.now() - begin > readyWithinMs) throw new Error(`/healthz did not answer within ${readyWithinMs / 1000} s`);
      if (child.exitCode !== null) throw new Error(`src/main.ts exited with code ${child.exitCode} before /healthz answered`);
      if (await isHealthy(port)) return performance.now() - begin;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill('SIGTERM');
    await exited;
    rmSync(dataDir, { recursive: true, force: true });
  }
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    return res.status === 200;
  } catch {
    // Not listening yet: connection refused is the expected answer until it is.
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const address = probe.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probe.close(() => resolve(port));
    });
  });
}
