import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const recorder = pathToFileURL(join(root, 'test/support/record-module-loads.mjs')).href;
const folders: string[] = [];
afterEach(() => {
  for (const folder of folders.splice(0)) rmSync(folder, { recursive: true, force: true });
});

async function freeLoopbackPort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/** `NODE_DEBUG=module` makes the CommonJS loader print a line `MODULE <pid>: load "<file>" for module …` per file. */
const commonJsLoad = /^MODULE \d+: load "([^"]+)" for module/;

/**
 * Starts src/main.ts as a process (tsx's loader, local mode, a temp DATA_DIR) with every module the ESM loader
 * resolves recorded (what our code imports), and with `commonJs` also every file the CommonJS loader loads (the
 * packages' own `require`s, and packages we `require` lazily), waits until `until(modules)` holds or /healthz
 * answers, stops it and returns the modules as URLs.
 */
async function modulesLoadedAtStartUp(
  env: Record<string, string>,
  until: 'healthz' | ((modules: string) => boolean),
  { commonJs = false }: { commonJs?: boolean } = {},
): Promise<string[]> {
  const folder = mkdtempSync(join(tmpdir(), 'sst-bridge-start-up-'));
  folders.push(folder);
  const record = join(folder, 'modules.txt');
  const port = await freeLoopbackPort();
  const child = spawn(process.execPath, ['--import', 'tsx', '--import', recorder, 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', ...(commonJs ? { NODE_DEBUG: 'module' } : {}), RECORD_MODULES_TO: record, LOCAL_MODE: 'true', HOST: '127.0.0.1', PORT: String(port), DATA_DIR: folder, LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  const required: string[] = [];
  let partial = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => {
    const lines = (partial + chunk).split('\n');
    partial = lines.pop() ?? '';
    for (const line of lines) {
      const file = commonJsLoad.exec(line)?.[1];
      if (file !== undefined) required.push(pathToFileURL(file).href);
      else if (!line.startsWith('MODULE ')) stderr += `${line}\n`;
    }
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const read = () => [existsSync(record) ? readFileSync(record, 'utf8') : '', ...required].join('\n');
  try {
    const deadline = Date.now() + 40_000;
    for (;;) {
      if (Date.now() > deadline) throw new Error(`start-up did not get there within 40 s; stderr:\n${stderr}`);
      if (until === 'healthz' ? await healthy(port) : until(read())) break;
      if (child.exitCode !== null) throw new Error(`main.ts exited with ${child.exitCode} before it got there; stderr:\n${stderr}`);
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  } finally {
    child.kill('SIGKILL');
    await exited;
  }
  return read().split('\n').filter((line) => line !== '');
}

async function healthy(port: number): Promise<boolean> {
  try {
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    await res.arrayBuffer();
    return res.status === 200;
  } catch {
    return false;
  }
}

const fromPackage = (name: string) => (url: string) => url.includes(`/node_modules/${name}/`);

describe('start-up: what the bot loads', () => {
  it('with the SQLite store it serves /healthz without loading the Azure Cosmos DB SDK or @azure/identity', { timeout: 60_000 }, async () => {
    const modules = await modulesLoadedAtStartUp({ STORE: 'sqlite' }, 'healthz');

    // The recording works: the bot's own framework and store driver are in it.
    expect(modules.some(fromPackage('@microsoft/teams-ai'))).toBe(true);
    expect(modules.some(fromPackage('better-sqlite3'))).toBe(true);
    expect(modules.filter(fromPackage('@azure/cosmos'))).toEqual([]);
    expect(modules.filter(fromPackage('@azure/identity'))).toEqual([]);
    expect(modules.filter((url) => url.includes('/src/adapters/store/cosmos/'))).toEqual([]);
  });

  it('serves /healthz without teams-ai\'s AI stack, and before loading the card templating libraries (loaded when the first card is expanded)', { timeout: 60_000 }, async () => {
    const modules = await modulesLoadedAtStartUp({ STORE: 'sqlite' }, 'healthz', { commonJs: true });

    // The CommonJS side of the recording works: teams-ai's own files are `require`d.
    expect(modules.some((url) => url.includes('/node_modules/@microsoft/teams-ai/lib/Application.js'))).toBe(true);
    expect(modules.filter(fromPackage('adaptivecards-templating'))).toEqual([]);
    expect(modules.filter(fromPackage('adaptive-expressions'))).toEqual([]);
    // src/adapters/teams/teams-ai/teams-ai-lib.ts imports Application and TeamsAdapter from their own files, not the index.
    expect(modules.filter(fromPackage('openai'))).toEqual([]);
    expect(modules.filter(fromPackage('gpt-tokenizer'))).toEqual([]);
    expect(modules.filter((url) => url.includes('/node_modules/@microsoft/teams-ai/lib/planners/'))).toEqual([]);
  });

  it('with STORE=cosmos it loads the Cosmos store and the SDK when it opens the store', { timeout: 60_000 }, async () => {
    const unreachable = `https://127.0.0.1:${await freeLoopbackPort()}/`;
    const env = { STORE: 'cosmos', COSMOS_ENDPOINT: unreachable, COSMOS_KEY: Buffer.from('not a key').toString('base64') };

    const modules = await modulesLoadedAtStartUp(env, (loaded) => loaded.includes('/src/adapters/store/cosmos/cosmos-case-store.ts') && loaded.includes('/node_modules/@azure/cosmos/'));

    expect(modules.some(fromPackage('@azure/cosmos'))).toBe(true);
    expect(modules.some((url) => url.endsWith('/src/adapters/store/cosmos/cosmos-case-store.ts'))).toBe(true);
  });
});
