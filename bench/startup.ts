import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import nodeModule from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildBot } from '../scripts/build/build-bot';
import { bundleForNode } from './bundle';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = 5;
const coldRuns = 3;
/**
 * Rounds stop being started after this much time once there are `minRuns` (a slower machine, where a start
 * takes several seconds, gets fewer rounds; the table's load column says how many), and so do the starts
 * with the compile cache off after theirs.
 */
const minRuns = 3;
const roundsBudgetMs = 20_000;
const coldBudgetMs = 10_000;

/** Whether a series begun at `begin` with `done` of up to `most` samples should take another. */
const withinBudget = (done: number, most: number, least: number, begin: number, budgetMs: number): boolean =>
  done < most && (done < least || performance.now() - begin < budgetMs);
const readyWithinMs = 30_000;
/** Time between a ready /healthz and the memory reading, for start-up work that runs after listen (retention purge). */
const settleMs = 1_000;
const pollEveryMs = 5;

export interface Launch {
  /** Spawn → first GET /healthz answered 200. */
  readyMs: number;
  /**
   * CPU time (user + system) the process had used when /healthz first answered, from /proc/<pid>/stat: less
   * sensitive than `readyMs` to other work on a shared machine, which stretches wall time.
   */
  cpuMs: number;
  /** VmRSS from /proc/<pid>/status, read `settleMs` after ready, before any forced GC. */
  idleRss: number;
  /** process.memoryUsage() in the child after two forced full GCs (bench/servers/memory-probe.mjs). */
  heapUsed: number;
  heapTotal: number;
  external: number;
}

export interface StartupResults {
  /** What was run for each bot, as a shell line relative to the repository. */
  oursCommand: string;
  bareCommand: string;
  ours: Launch[];
  bare: Launch[];
  /**
   * SST Bridge started with Node's compile cache off (`NODE_DISABLE_COMPILE_CACHE=1`): how the first start on
   * a fresh instance compares. Empty on a Node without the cache (before 22.1), where it would repeat `ours`.
   */
  oursWithoutCompileCache: Launch[];
}

interface Command {
  args: string[];
  describe: string;
  /** Variables added to the section's fixed environment. */
  env?: Record<string, string>;
}

/**
 * Start-up and idle memory as an operator sees them, for SST Bridge and for the bare teams-ai bot in the same
 * run, both bundled and run by plain node as `npm start` runs the bot: each is spawned as its own process in
 * local mode on a free loopback port with an empty DATA_DIR, timed until GET /healthz answers 200 (our
 * migrations, directory and calendar included), left to settle, and its VmRSS and GC'd heap are read. One
 * unmeasured warm-up of ours (disk cache, Node's compile cache where our entry turns it on), then `runs` rounds
 * that alternate the two so that background load falls on both alike. Then, on a Node with a compile cache,
 * `coldRuns` starts of ours with it off.
 */
export async function measureStartup(): Promise<StartupResults> {
  const setup = await prepare();
  try {
    // One warm-up, of ours: it loads the packages both bots load (teams-ai, botbuilder, restify) into the disk cache.
    await launch(setup.ours);
    const ours: Launch[] = [];
    const bare: Launch[] = [];
    const begin = performance.now();
    while (withinBudget(ours.length, runs, minRuns, begin, roundsBudgetMs)) {
      ours.push(await launch(setup.ours));
      bare.push(await launch(setup.bare));
    }
    const oursWithoutCompileCache: Launch[] = [];
    if (typeof Reflect.get(nodeModule, 'enableCompileCache') === 'function') {
      const cold = { ...setup.ours, env: { NODE_DISABLE_COMPILE_CACHE: '1' } };
      const coldBegin = performance.now();
      while (withinBudget(oursWithoutCompileCache.length, coldRuns, 1, coldBegin, coldBudgetMs)) oursWithoutCompileCache.push(await launch(cold));
    }
    return { oursCommand: setup.ours.describe, bareCommand: setup.bare.describe, ours, bare, oursWithoutCompileCache };
  } finally {
    setup.cleanup();
  }
}

interface Setup {
  ours: Command;
  bare: Command;
  cleanup(): void;
}

const probe = pathToFileURL(fileURLToPath(new URL('./servers/memory-probe.mjs', import.meta.url))).href;

/**
 * Bundles this tree's bot as `npm run build` does (scripts/build/build-bot.ts; the type check is the npm
 * script's, not needed here) and the bare bot with esbuild (packages left external, so they load from
 * node_modules as ours do), into one temp folder at the repository's top, where dist/ would be, so that their
 * imports resolve from node_modules and the bundle finds the sample directory as dist/main.js does. Both run
 * by this node with package.json's start-script flags, as `npm start` runs dist/main.js: what an operator
 * starts, from this tree's code whether or not `npm run build` ran, never a stale dist/. Our compile cache goes
 * to that folder too, so that the run leaves nothing behind.
 */
async function prepare(): Promise<Setup> {
  const start = startCommand(readStartScript());
  const outDir = mkdtempSync(join(root, '.bench-startup-'));
  try {
    const ours = await buildBot(outDir);
    const bareFile = join(outDir, 'bare-main.mjs');
    await bundleForNode(join(root, 'bench/servers/bare-main.ts'), bareFile);
    const probeArgs = ['--import', probe];
    const shown = (file: string) => ['node', ...start.flags, file].join(' ');
    return {
      ours: { args: [...probeArgs, ...start.flags, ours.entry], describe: shown(start.entry), env: { NODE_COMPILE_CACHE: join(outDir, 'compile-cache') } },
      bare: { args: [...probeArgs, ...start.flags, bareFile], describe: shown('bench/servers/bare-main.ts') },
      cleanup: () => rmSync(outDir, { recursive: true, force: true }),
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}

/** Flags that take their value as the next word. */
const flagsWithValue = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C', '--env-file', '--env-file-if-exists']);

/**
 * The node flags and the entry of package.json's start script (`node [flags] <entry>`). `--env-file` flags are
 * left out, and so are leading VAR=value assignments: the section sets the environment itself, so that a
 * developer's .env cannot change what is measured.
 */
export function startCommand(startScript: string | undefined): { flags: string[]; entry: string } {
  if (startScript === undefined) throw new Error('package.json has no start script to measure start-up with');
  const words = startScript.trim().split(/\s+/);
  while (words[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
  if (words[0] !== 'node') throw new Error(`package.json's start script is \`${startScript}\`, not \`node [flags] <entry>\``);
  const flags: string[] = [];
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (!word.startsWith('-')) return { flags, entry: word };
    const takesValue = flagsWithValue.has(word);
    if (!word.startsWith('--env-file')) flags.push(word, ...(takesValue ? [words[i + 1] ?? ''] : []));
    if (takesValue) i += 1;
  }
  throw new Error(`package.json's start script \`${startScript}\` names no entry file`);
}

function readStartScript(): string | undefined {
  const pkg: unknown = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  if (typeof pkg !== 'object' || pkg === null || !('scripts' in pkg)) return undefined;
  const scripts = pkg.scripts;
  if (typeof scripts !== 'object' || scripts === null || !('start' in scripts)) return undefined;
  return typeof scripts.start === 'string' ? scripts.start : undefined;
}

async function launch(command: Command): Promise<Launch> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-startup-'));
  const begin = performance.now();
  const child = spawn(process.execPath, command.args, {
    cwd: root,
    // Only what main.ts needs, so that a developer's own Microsoft* variables cannot change what is measured.
    env: { PATH: process.env.PATH ?? '', LOCAL_MODE: 'true', STORE: 'sqlite', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: dataDir, LOG_LEVEL: 'warn', ...command.env },
    stdio: ['ignore', 'ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => {
    stderr = (stderr + chunk).slice(-4_000);
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const failed = (why: string) => new Error(`\`${command.describe}\` ${why}${stderr ? `; its stderr:\n${stderr}` : ''}`);
  try {
    for (;;) {
      if (performance.now() - begin > readyWithinMs) throw failed(`did not answer /healthz within ${readyWithinMs / 1000} s`);
      if (child.exitCode !== null) throw failed(`exited with code ${child.exitCode} before /healthz answered`);
      if (await isHealthy(port)) break;
      await new Promise((resolve) => setTimeout(resolve, pollEveryMs));
    }
    const readyMs = performance.now() - begin;
    if (child.pid === undefined) throw failed('has no process id');
    const cpuMs = cpuTime(child.pid);
    await new Promise((resolve) => setTimeout(resolve, settleMs));
    const idleRss = vmRss(child.pid);
    const usage = await askMemory(child.pid, child.stdio[3] as Readable);
    return { readyMs, cpuMs, idleRss, heapUsed: usage.heapUsed, heapTotal: usage.heapTotal, external: usage.external };
  } finally {
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
    await exited;
    clearTimeout(timer);
    rmSync(dataDir, { recursive: true, force: true });
  }
}

/** User + system CPU time of a process in ms: fields 14 and 15 of /proc/<pid>/stat, in clock ticks (100 per second on Linux). */
function cpuTime(pid: number): number {
  // The command name (field 2) is in parentheses and may hold spaces: count from after its closing one.
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  if (!Number.isFinite(ticks)) throw new Error(`no CPU times in /proc/${pid}/stat`);
  return ticks * 10;
}

/** Resident set size in bytes, as the kernel counts it (the `VmRSS` line of /proc/<pid>/status). */
function vmRss(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  const kib = line?.match(/(\d+)\s*kB/)?.[1];
  if (kib === undefined) throw new Error(`no VmRSS in /proc/${pid}/status`);
  return Number(kib) * 1024;
}

/** Signals the child's memory probe and reads its one JSON line from file descriptor 3. */
function askMemory(pid: number, pipe: Readable): Promise<{ heapUsed: number; heapTotal: number; external: number }> {
  return new Promise((resolve, reject) => {
    let text = '';
    const timer = setTimeout(() => reject(new Error('the memory probe did not answer within 10 s')), 10_000);
    const onData = (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const newline = text.indexOf('\n');
      if (newline < 0) return;
      clearTimeout(timer);
      pipe.off('data', onData);
      const usage = JSON.parse(text.slice(0, newline)) as { heapUsed: number; heapTotal: number; external: number };
      resolve(usage);
    };
    pipe.on('data', onData);
    process.kill(pid, 'SIGUSR2');
  });
}

async function isHealthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    // Not listening yet: connection refused is the expected answer until it is.
    return false;
  }
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probeServer = createServer();
    probeServer.once('error', reject);
    probeServer.listen(0, '127.0.0.1', () => {
      const address = probeServer.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      probeServer.close(() => resolve(port));
    });
  });
}
