import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import nodeModule from 'node:module';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Readable } from 'node:stream';
import { fileURLToPath, pathToFileURL } from 'node:url';

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

/** How the two bots were started: `built` when package.json's start script runs an entry file that exists. */
export type StartMode = 'built' | 'tsx';

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
  mode: StartMode;
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
  /** Why the mode was chosen, for the notes. */
  why: string;
}

interface Command {
  args: string[];
  describe: string;
  /** Variables added to the section's fixed environment. */
  env?: Record<string, string>;
}

/**
 * Start-up and idle memory as an operator sees them, for SST Bridge and for the bare teams-ai bot in the same
 * run and in the same mode: each is spawned as its own process in local mode on a free loopback port with an
 * empty DATA_DIR, timed until GET /healthz answers 200 (our migrations, directory and calendar included), left
 * to settle, and its VmRSS and GC'd heap are read. One unmeasured warm-up of each (disk cache, tsx's transform
 * cache, Node's compile cache where our entry turns it on), then `runs` rounds that alternate the two so that
 * background load falls on both alike. Then, on a Node with a compile cache, `coldRuns` starts of ours with it off.
 */
export async function measureStartup(): Promise<StartupResults> {
  const setup = await prepare();
  try {
    await launch(setup.ours);
    await launch(setup.bare);
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
    return { mode: setup.mode, oursCommand: setup.ours.describe, bareCommand: setup.bare.describe, ours, bare, oursWithoutCompileCache, why: setup.why };
  } finally {
    setup.cleanup();
  }
}

interface Setup {
  mode: StartMode;
  why: string;
  ours: Command;
  bare: Command;
  cleanup(): void;
}

const probe = pathToFileURL(fileURLToPath(new URL('./servers/memory-probe.mjs', import.meta.url))).href;

/**
 * Built mode: package.json's start script is `node [flags] <entry>` and the entry exists (after `npm run
 * build`); ours runs as that line, the bare bot is bundled by esbuild (packages left external, so they load
 * from node_modules as ours do) and run by the same node with the same flags. Otherwise both run from
 * TypeScript through tsx's loader. `--env-file` flags are dropped, so that a developer's .env cannot change
 * the mode: the section sets every variable itself.
 */
async function prepare(): Promise<Setup> {
  const built = builtEntry();
  const probeArgs = ['--import', probe];
  if (typeof built === 'string') {
    return {
      mode: 'tsx',
      why: built,
      ours: { args: [...probeArgs, '--import', 'tsx', 'src/main.ts'], describe: 'node --import tsx src/main.ts' },
      bare: { args: [...probeArgs, '--import', 'tsx', 'bench/servers/bare-main.ts'], describe: 'node --import tsx bench/servers/bare-main.ts' },
      cleanup: () => undefined,
    };
  }
  // Inside the repository, so that the bundle's imports resolve from node_modules as ours do.
  const outDir = mkdtempSync(join(root, 'bench', '.bare-bot-'));
  const { build } = await import('esbuild');
  const outfile = join(outDir, 'bare-main.mjs');
  await build({ entryPoints: [join(root, 'bench/servers/bare-main.ts')], bundle: true, packages: 'external', platform: 'node', format: 'esm', target: 'node20', outfile, logLevel: 'warning' });
  return {
    mode: 'built',
    why: `package.json's start script runs ${built.entry}, which exists`,
    ours: { args: [...probeArgs, ...built.flags, built.entry], describe: ['node', ...built.flags, built.entry].join(' ') },
    bare: { args: [...probeArgs, ...built.flags, outfile], describe: ['node', ...built.flags, 'bench/servers/bare-main.ts (bundled by esbuild, packages external)'].join(' ') },
    cleanup: () => rmSync(outDir, { recursive: true, force: true }),
  };
}

/** Flags that take their value as the next word. */
const flagsWithValue = new Set(['--import', '--require', '-r', '--loader', '--experimental-loader', '--conditions', '-C', '--env-file', '--env-file-if-exists']);

/** The start script's node flags and entry when it runs a file that exists, else why not (a sentence). */
export function builtEntry(startScript = readStartScript(), exists: (path: string) => boolean = (p) => existsSync(join(root, p))): { flags: string[]; entry: string } | string {
  if (startScript === undefined) return 'package.json has no start script';
  const words = startScript.trim().split(/\s+/);
  // Leading VAR=value assignments are left out: the section sets the environment itself.
  while (words[0] !== undefined && /^[A-Za-z_][A-Za-z0-9_]*=/.test(words[0])) words.shift();
  if (words[0] !== 'node') return `package.json's start script is \`${startScript}\`, not a built entry run by node`;
  const flags: string[] = [];
  for (let i = 1; i < words.length; i += 1) {
    const word = words[i] ?? '';
    if (!word.startsWith('-')) return exists(word) ? { flags, entry: word } : `${word} does not exist (run \`npm run build\` first)`;
    const takesValue = flagsWithValue.has(word);
    if (!word.startsWith('--env-file')) flags.push(word, ...(takesValue ? [words[i + 1] ?? ''] : []));
    if (takesValue) i += 1;
  }
  return `package.json's start script \`${startScript}\` names no entry file`;
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
    // Only what main.ts needs, so that a developer's own Microsoft* variables cannot change the mode.
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
