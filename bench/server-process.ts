import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from './bundle';
import type { ChildReply, ChildRequest, MemorySample } from './servers/serve-over-ipc';

/**
 * A server under test in its own Node process, so that it has a core to itself while this process
 * generates the load and plays the Bot Connector. Started with `--expose-gc` for the memory readings.
 */
export class ServerProcess {
  private nextId = 0;
  private readonly waiting = new Map<number, { resolve: (reply: ChildReply) => void; reject: (error: Error) => void }>();
  /** Set once the process has exited: what is asked after that fails at once, and stopping is done. */
  private exitedWith: string | undefined;
  private readonly exited: Promise<void>;

  private constructor(
    private readonly child: ChildProcess,
    readonly url: string,
  ) {
    child.on('message', (message: ChildReply) => {
      if (message.type === 'listening') return;
      this.waiting.get(message.id)?.resolve(message);
      this.waiting.delete(message.id);
    });
    // A server that died (its error is on stderr) fails what waits for it instead of leaving it to time out.
    this.exited = new Promise<void>((resolve) =>
      child.once('exit', (code, signal) => {
        this.exitedWith = signal ?? `code ${code}`;
        for (const { reject } of this.waiting.values()) reject(new Error(`server exited (${this.exitedWith}) before it answered`));
        this.waiting.clear();
        resolve();
      }),
    );
    // Sending to a process that has just exited emits 'error' on it; the exit above already says what happened.
    child.on('error', () => undefined);
  }

  /** Forks `bench/servers/<name>.ts`, bundled, with `env` added and resolves once it listens. */
  static async start(name: 'ours' | 'bare', env: Record<string, string>): Promise<ServerProcess> {
    // BENCH_OURS_ENTRY runs another tree's server under this harness (an A/B of two commits, like for like).
    const source = (name === 'ours' ? process.env.BENCH_OURS_ENTRY : undefined) ?? fileURLToPath(new URL(`./servers/${name}.ts`, import.meta.url));
    const entry = await bundled(source);
    const child = fork(entry, { execArgv: ['--expose-gc', '--disable-warning=DEP0111', ...profileArgs()], env: { ...process.env, ...env }, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const url = await new Promise<string>((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`server "${name}" did not start within 30 s`)), 30_000);
      child.once('exit', (code) => reject(new Error(`server "${name}" exited with code ${code} before listening`)));
      child.on('message', (message: ChildReply) => {
        if (message.type !== 'listening') return;
        clearTimeout(timer);
        resolve(message.url);
      });
    });
    child.removeAllListeners('exit');
    return new ServerProcess(child, url);
  }

  /** Waits until the server's background work (proactive deliveries) has settled. */
  async idle(): Promise<void> {
    await this.ask({ type: 'idle' });
  }

  /** Resident set and heap after a forced full garbage collection in the server process. */
  async memory(): Promise<MemorySample> {
    const reply = await this.ask({ type: 'memory' });
    if (reply.type !== 'memory') throw new Error(`expected a memory reply, got ${reply.type}`);
    return reply.memory;
  }

  /** CPU time (user + system) the server process has used so far, in microseconds. */
  async cpuMicros(): Promise<number> {
    const reply = await this.ask({ type: 'cpu' });
    if (reply.type !== 'cpu') throw new Error(`expected a cpu reply, got ${reply.type}`);
    return reply.micros;
  }

  /** Closes the server, its store and its temp folder; kills the process if it does not exit within 15 s. */
  async stop(): Promise<void> {
    if (this.exitedWith !== undefined) return;
    this.child.send({ type: 'stop', id: this.nextId++ } satisfies ChildRequest);
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    timer.unref();
    await this.exited;
    clearTimeout(timer);
  }

  /** Sends SIGTERM (the server's own shutdown, if it has one) and resolves at its exit; SIGKILL after 15 s. */
  async terminate(): Promise<void> {
    if (this.exitedWith !== undefined) return;
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), 15_000);
    timer.unref();
    await this.exited;
    clearTimeout(timer);
  }

  private ask(request: Omit<ChildRequest, 'id'>, timeoutMs = 120_000): Promise<ChildReply> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      if (this.exitedWith !== undefined) {
        reject(new Error(`server exited (${this.exitedWith}); cannot ask "${request.type}"`));
        return;
      }
      const timer = setTimeout(() => reject(new Error(`server did not answer "${request.type}" within ${timeoutMs} ms`)), timeoutMs);
      this.waiting.set(id, {
        resolve: (reply) => {
          clearTimeout(timer);
          resolve(reply);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error);
        },
      });
      this.child.send({ ...request, id } as ChildRequest);
    });
  }
}

/** BENCH_CPU_PROF=<folder> writes a V8 CPU profile of each server process there (open it in Chrome DevTools). */
function profileArgs(): string[] {
  const folder = process.env.BENCH_CPU_PROF;
  return folder ? ['--cpu-prof', `--cpu-prof-dir=${folder}`] : [];
}

const bundles = new Map<string, Promise<string>>();
const bundleFolders = new Set<string>();

/** Removes the servers' bundles (they also go when the process exits, but a test runner's workers may not exit). */
export function removeServerBundles(): void {
  for (const dir of bundleFolders) rmSync(dir, { recursive: true, force: true });
  bundleFolders.clear();
  bundles.clear();
}

/**
 * A server under test (bench/servers/ours.ts or bare.ts, or another tree's ours.ts) bundled by esbuild once per
 * run (packages left external, loaded from its tree's node_modules), so that each of the run's six server starts
 * loads one file with plain node instead of transforming every module through tsx: 1.8–2.3 s a start here
 * against 2.8–2.9 s, about 2 s less a start beside three busy loops. The bundle sits in a folder next to the
 * source's own, at the same depth, so that paths the sources take relative to themselves (the sample
 * directory) hold; the folder goes with `removeServerBundles()`, or when this process exits.
 */
function bundled(source: string): Promise<string> {
  let bundle = bundles.get(source);
  if (bundle === undefined) {
    bundle = (async () => {
      const dir = mkdtempSync(join(dirname(source), '..', '.servers-'));
      bundleFolders.add(dir);
      process.once('exit', () => rmSync(dir, { recursive: true, force: true }));
      const outfile = join(dir, `${basename(source, extname(source))}.mjs`);
      await bundleForNode(source, outfile);
      return outfile;
    })();
    bundles.set(source, bundle);
  }
  return bundle;
}
