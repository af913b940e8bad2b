import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildBot, type BuiltBot } from '../../scripts/build/build-bot';
import { CosmosEmulator } from '../support/cosmos-emulator';

/**
 * `npm run build` + `npm start` as production runs them: the bundle is built into a fresh folder at the
 * repository root (so its bare imports resolve from node_modules, as in dist/), then started with the exact
 * node flags of package.json's `start` script, from another working directory, with production variables.
 */
const repoRoot = fileURLToPath(new URL('../../', import.meta.url));
const packageJson = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')) as {
  version: string;
  scripts: Record<string, string>;
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const sampleDirectory = join(repoRoot, 'directory', 'stockholm.sample.yaml');

/** `node <flags> dist/main.js` from package.json. */
function startCommand(): { flags: string[]; script: string } {
  const [command, ...rest] = packageJson.scripts.start?.split(/\s+/) ?? [];
  const script = rest.pop() ?? '';
  if (command !== 'node') throw new Error(`npm start must run plain node, found "${command}"`);
  return { flags: rest, script };
}

const packageOf = (specifier: string): string => specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');

interface Started {
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  exit: Promise<number | null>;
}

const running = new Set<ChildProcess>();
const cleanups: (() => void | Promise<void>)[] = [];

function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  cleanups.push(() => rmSync(dir, { recursive: true, force: true }));
  return dir;
}

function start(built: BuiltBot, env: Record<string, string>): Started {
  const child = spawn(process.execPath, [...startCommand().flags, built.entry], {
    // Not the repository: nothing may depend on the working directory (and no .env is read from it).
    cwd: tempDir('sst-bridge-cwd-'),
    env: { PATH: process.env.PATH ?? '', PORT: '0', HOST: '127.0.0.1', DATA_DIR: tempDir('sst-bridge-data-'), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  running.add(child);
  const stdout: string[] = [];
  const stderr: string[] = [];
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => stdout.push(...chunk.split('\n').filter((l) => l.length > 0)));
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exit = new Promise<number | null>((resolve) =>
    child.on('exit', (code) => {
      running.delete(child);
      resolve(code);
    }),
  );
  return { child, stdout, stderr, exit };
}

async function startedLine(bot: Started): Promise<Record<string, unknown>> {
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    for (const line of bot.stdout) {
      const parsed = JSON.parse(line) as Record<string, unknown>;
      if (parsed.event === 'server.started') return parsed;
    }
    if (bot.child.exitCode !== null) break;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`the built bot did not start:\n${bot.stdout.join('\n')}\n${bot.stderr.join('')}`);
}

async function stop(bot: Started): Promise<number | null> {
  bot.child.kill('SIGTERM');
  return bot.exit;
}

const production = {
  NODE_ENV: 'production',
  MicrosoftAppId: '00000000-0000-0000-0000-000000000001',
  MicrosoftAppPassword: 'not-a-real-secret',
  ALLOWED_TENANTS: '00000000-0000-0000-0000-0000000000aa',
  DIRECTORY_FILE: sampleDirectory,
  ALLOW_SAMPLE_DIRECTORY: 'true',
};

describe('the built bot', () => {
  let built: BuiltBot;
  const cosmos = new CosmosEmulator();

  beforeAll(async () => {
    const outDir = mkdtempSync(join(repoRoot, '.build-test-'));
    cleanups.push(() => rmSync(outDir, { recursive: true, force: true }));
    built = await buildBot(outDir);
  });

  afterAll(async () => {
    for (const child of running) child.kill('SIGKILL');
    await cosmos.stop();
    for (const cleanup of cleanups.splice(0)) await cleanup();
  });

  it('imports at run time only node built-ins and production dependencies (npm ci --omit=dev suffices)', () => {
    const dependencies = new Set(Object.keys(packageJson.dependencies));
    const builtins = new Set(builtinModules);
    const needsDevInstall = built.imports.filter((s) => !s.startsWith('node:') && !builtins.has(s) && !dependencies.has(packageOf(s)));
    expect(needsDevInstall).toEqual([]);
    expect(built.imports).toContain('restify');
    // Packages required on first use count too: the card templating libraries (src/adapters/teams/cards/expand.ts).
    expect(built.lazy).toEqual(['adaptivecards-templating']);
    expect(built.imports).toContain('adaptivecards-templating');
    for (const tool of ['tsx', 'esbuild', 'typescript', 'vitest']) {
      expect(dependencies.has(tool), `${tool} is a build tool`).toBe(false);
      expect(Object.keys(packageJson.devDependencies)).toContain(tool);
    }
  });

  it('resolves the packages it loads on first use from the built output, as it will at run time', () => {
    const requireFromBuild = createRequire(built.entry);
    for (const specifier of built.lazy) expect(requireFromBuild.resolve(specifier)).toContain(`/node_modules/${specifier}/`);
  });

  it('turns on the compile cache in an entry that statically imports no package, so it is on before any loads', () => {
    const entry = readFileSync(built.entry, 'utf8');
    const staticImports = [...entry.matchAll(/^import\b[^'"]*["']([^"']+)["']/gm)].map((m) => m[1]);
    expect(staticImports.length).toBeGreaterThan(0);
    expect(staticImports.filter((specifier) => !specifier?.startsWith('node:'))).toEqual([]);
    expect(entry).toMatch(/enableCompileCache\(\);\s*await import\("\.\/run-[\w-]+\.js"\);/);
  });

  it('npm start runs dist/main.js with plain node and source maps', () => {
    expect(startCommand().script).toBe('dist/main.js');
    expect(startCommand().flags).toContain('--enable-source-maps');
    expect(packageJson.scripts.build).toContain('scripts/build.ts');
  });

  it('serves /healthz with production variables and SQLite, logging one start-up line and no deprecation warning', async () => {
    const bot = start(built, production);
    const line = await startedLine(bot);
    expect(line).toMatchObject({ level: 30, nodeEnv: 'production', mode: 'authenticated', store: 'sqlite', directoryVersion: '2026-11-sample', directorySample: true, appVersion: packageJson.version });
    const health = await fetch(`${String(line.url)}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ status: 'ok', directoryVersion: '2026-11-sample' });
    expect(await stop(bot)).toBe(0);
    expect(bot.stderr.join('')).not.toContain('DEP0111');
    expect(bot.stdout.join('\n')).not.toContain('DEP0111');
  });

  it('serves /healthz with production variables and Cosmos DB (the emulator)', async () => {
    const bot = start(built, {
      ...production,
      STORE: 'cosmos',
      COSMOS_ENDPOINT: await cosmos.endpoint(),
      COSMOS_KEY: Buffer.from('cosmosdb-server ignores the key').toString('base64'),
      COSMOS_DATABASE: `built-${Date.now()}`,
      // The emulator's certificate is self-signed; only this child process skips the check.
      NODE_TLS_REJECT_UNAUTHORIZED: '0',
    });
    const line = await startedLine(bot);
    expect(line).toMatchObject({ store: 'cosmos', cosmosAccount: expect.stringMatching(/^127\.0\.0\.1:\d+$/) });
    expect((await fetch(`${String(line.url)}/healthz`)).status).toBe(200);
    expect(await stop(bot)).toBe(0);
  });

  it('refuses to start in production on a directory that declares itself sample data', async () => {
    const bot = start(built, { ...production, ALLOW_SAMPLE_DIRECTORY: 'false' });
    const stillRunning = new Promise<string>((resolve) => setTimeout(() => resolve('still running'), 15_000).unref());
    expect(await Promise.race([bot.exit, stillRunning])).toBe(1);
    expect(bot.stderr.join('')).toContain('it is sample data (sample: true, version 2026-11-sample) and NODE_ENV=production');
  });

  it('finds the sample directory from the built output in local mode, whatever the working directory', async () => {
    const bot = start(built, { LOCAL_MODE: 'true' });
    const line = await startedLine(bot);
    expect(line).toMatchObject({ level: 40, mode: 'local', directorySample: true });
    expect((await fetch(`${String(line.url)}/healthz`)).status).toBe(200);
    expect(await stop(bot)).toBe(0);
  });
});
