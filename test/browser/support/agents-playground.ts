import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const cli = join(repoRoot, 'node_modules/.bin/agentsplayground');
const preload = pathToFileURL(fileURLToPath(new URL('./loopback-preload.mjs', import.meta.url))).href;

export interface PlaygroundOptions {
  /** The bot's messaging endpoint, e.g. http://127.0.0.1:3978/api/messages. */
  botEndpoint: string;
  /** Port to ask for; the Playground silently takes a random one if it is taken, so read `url`. */
  port: number;
  /** Where the Playground's own log file goes. */
  logFile: string;
  /** Where refused outbound connections from the Playground process are listed, one per line. */
  guardLog: string;
  startTimeoutMs: number;
}

/**
 * The Microsoft 365 Agents Playground CLI in its own process group, with telemetry disabled, App Insights
 * statsbeat off, no browser opened, and the loopback guard preloaded (see loopback-preload.mjs).
 */
export class AgentsPlayground {
  private child?: ChildProcess;
  private readonly workDir = mkdtempSync(join(tmpdir(), 'sst-bridge-playground-'));
  private output = '';
  url = '';

  constructor(private readonly options: PlaygroundOptions) {}

  async start(): Promise<this> {
    const { botEndpoint, port } = this.options;
    const child = spawn(
      cli,
      ['-e', botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(port), '--service-url', `http://127.0.0.1:${port}/_connector`],
      {
        // A temp folder: the Playground reads an optional config file from its working directory.
        cwd: this.workDir,
        detached: true,
        stdio: ['ignore', 'pipe', 'pipe'],
        env: {
          PATH: process.env.PATH ?? '',
          HOME: process.env.HOME ?? this.workDir,
          NODE_OPTIONS: `--import ${preload}`,
          LOOPBACK_GUARD_LOG: this.options.guardLog,
          // --disable-telemetry only stops the Playground's own events; the App Insights SDK it starts
          // regardless still sends "statsbeat" and probes the Azure metadata endpoint unless told not to.
          APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
          TEAMSAPPTESTER_BROWSER: 'none',
          M365_AGENTS_PLAYGROUND_LOGFILE: this.options.logFile,
        },
      },
    );
    this.child = child;
    process.once('exit', this.killNow);
    child.stdout?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));
    child.stderr?.on('data', (chunk: Buffer) => (this.output += chunk.toString('utf8')));

    const actualPort = await this.waitForListening(child);
    this.url = `http://127.0.0.1:${actualPort}`;
    if (actualPort !== port) {
      throw new Error(`the Playground took port ${actualPort} instead of ${port}, so its --service-url is wrong`);
    }
    await this.waitForHttp();
    return this;
  }

  /** Outbound connections the Playground process tried and the guard refused. */
  blockedAttempts(): string[] {
    if (!existsSync(this.options.guardLog)) return [];
    return readFileSync(this.options.guardLog, 'utf8').split('\n').filter((l) => l !== '');
  }

  /** Stops the whole process group: SIGTERM, then SIGKILL if it has not exited within 5 s. */
  async stop(): Promise<void> {
    const child = this.child;
    this.child = undefined;
    process.removeListener('exit', this.killNow);
    if (child?.pid !== undefined && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
      signalGroup(child.pid, 'SIGTERM');
      const timer = setTimeout(() => signalGroup(child.pid ?? 0, 'SIGKILL'), 5_000);
      await exited;
      clearTimeout(timer);
    }
    rmSync(this.workDir, { recursive: true, force: true });
  }

  private readonly killNow = (): void => {
    if (this.child?.pid !== undefined) signalGroup(this.child.pid, 'SIGKILL');
  };

  private waitForListening(child: ChildProcess): Promise<number> {
    return new Promise<number>((resolve, reject) => {
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`the Playground did not report "Listening on <port>" within ${this.options.startTimeoutMs} ms:\n${this.output}`));
      }, this.options.startTimeoutMs);
      const onData = (): void => {
        const match = /Listening on (\d+)/.exec(this.output);
        if (match?.[1]) {
          cleanup();
          resolve(Number(match[1]));
        }
      };
      const onExit = (code: number | null): void => {
        cleanup();
        reject(new Error(`the Playground exited with code ${String(code)} before listening:\n${this.output}`));
      };
      const cleanup = (): void => {
        clearTimeout(timer);
        child.stdout?.off('data', onData);
        child.off('exit', onExit);
      };
      child.stdout?.on('data', onData);
      child.once('exit', onExit);
      onData();
    });
  }

  private async waitForHttp(): Promise<void> {
    const deadline = Date.now() + this.options.startTimeoutMs;
    let last = '';
    while (Date.now() < deadline) {
      try {
        const res = await fetch(this.url);
        if (res.ok) return;
        last = `HTTP ${res.status}`;
      } catch (error) {
        last = String(error);
      }
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the Playground web UI at ${this.url} did not answer: ${last}`);
  }
}

function signalGroup(pid: number, signal: NodeJS.Signals): void {
  try {
    process.kill(-pid, signal);
  } catch (error) {
    // ESRCH: the group is already gone, which is what we wanted.
    if (!(error instanceof Error && 'code' in error && error.code === 'ESRCH')) throw error;
  }
}
