import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteCaseStore } from '../../src/adapters/store/sqlite/sqlite-case-store';
import { aTeacher, anInvoke, testTenant } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { loadSampleDirectory } from '../support/test-directory';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { stockholmTime } from '../support/fixed-clock';

const root = fileURLToPath(new URL('../..', import.meta.url));
const cleanups: (() => void | Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

/** A Bot Connector that has gone away: it takes every request and never answers. */
async function unansweringConnector(): Promise<{ url: string; requests: IncomingMessage[] }> {
  const requests: IncomingMessage[] = [];
  const server: Server = createServer((req) => void requests.push(req));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  cleanups.push(
    () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, requests };
}

interface Bot {
  child: ChildProcess;
  lines: Record<string, unknown>[];
  stderr: string[];
  exit: Promise<number | null>;
}

/** src/main.ts as `npm run dev` runs it (tsx), in local mode, on a free port, with its SQLite file in `dataDir`. */
function startBot(env: Record<string, string>): Bot {
  const child = spawn(process.execPath, ['--import', 'tsx', '--disable-warning=DEP0111', 'src/main.ts'], {
    cwd: root,
    env: { PATH: process.env.PATH ?? '', LOCAL_MODE: 'true', HOST: '127.0.0.1', PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  cleanups.push(() => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
  });
  const lines: Record<string, unknown>[] = [];
  const stderr: string[] = [];
  let partial = '';
  child.stdout?.setEncoding('utf8').on('data', (chunk: string) => {
    const split = (partial + chunk).split('\n');
    partial = split.pop() ?? '';
    for (const line of split) if (line.startsWith('{')) lines.push(JSON.parse(line) as Record<string, unknown>);
  });
  child.stderr?.setEncoding('utf8').on('data', (chunk: string) => stderr.push(chunk));
  const exit = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  return { child, lines, stderr, exit };
}

async function until<T>(what: string, bot: Bot, probe: () => T | undefined, withinMs: number): Promise<T> {
  const deadline = Date.now() + withinMs;
  for (;;) {
    const found = probe();
    if (found !== undefined) return found;
    if (bot.child.exitCode !== null) throw new Error(`the bot exited (${bot.child.exitCode}) before ${what}:\n${bot.stderr.join('')}`);
    if (Date.now() > deadline) throw new Error(`no ${what} within ${withinMs} ms:\n${bot.stderr.join('')}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The people of a team, who each get its case cards in their own chat (the sample teams have no channel). */
function membersOf(dir: ReturnType<typeof loadSampleDirectory>, teamId: string | undefined): string[] {
  const team = dir.sstTeams.find((t) => t.id === teamId);
  return [...new Set([...(team?.members ?? []), ...(team?.coordinators ?? [])].map((p) => p.id))];
}

describe('shutdown', () => {
  it('after a burst against a Bot Connector that does not answer, exits 0 within 10 s of SIGTERM and leaves the backlog in the outbox, and the next start sends every card once', async () => {
    const connector = await unansweringConnector();
    const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-shutdown-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const bot = startBot({ DATA_DIR: dataDir, TEAMS_SERVICE_URL: connector.url });
    const started = await until('start-up line', bot, () => bot.lines.find((l) => l.event === 'server.started'), 60_000);

    // One report from each district: each routes to its school's SST team, one card per member's chat.
    const dir = loadSampleDirectory();
    const schools = dir.districts.map((d) => aSchoolIn(dir, d.code));
    const answers = await Promise.all(
      schools.map(async (school, i) => {
        const res = await fetch(`${String(started.url)}/api/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(anInvoke(aTeacher(i + 1), connector.url, 'report.submit', aReportPayload(school))),
        });
        await res.arrayBuffer();
        return res.status;
      }),
    );
    expect(answers.every((s) => s === 200)).toBe(true);
    const expected = schools.reduce((n, school) => n + membersOf(dir, school.sstTeamId).length, 0);
    // Sends are under way (hanging at the connector) and the rest wait behind them.
    await until('call at the connector', bot, () => (connector.requests.length > 0 ? true : undefined), 10_000);

    const signalled = Date.now();
    bot.child.kill('SIGTERM');
    const code = await Promise.race([bot.exit, new Promise<'still running'>((resolve) => setTimeout(() => resolve('still running'), 12_000))]);
    const tookMs = Date.now() - signalled;
    expect(code, bot.stderr.join('')).toBe(0);
    expect(tookMs).toBeLessThan(10_000);
    expect(bot.lines.map((l) => l.event)).toContain('server.stopped');

    // Every card that was not sent is still in the store: in the outbox (a row each), or not yet planned, its case
    // on the list of cases awaiting their first messages (planned after the answer); none is on record as delivered.
    const lanes = [...new Set(schools.flatMap((school) => membersOf(dir, school.sstTeamId).map((id) => `person:${testTenant}:${id}`)))];
    const store = SqliteCaseStore.open(join(dataDir, 'sst-bridge.db'), stockholmTime);
    const waiting = (await Promise.all(lanes.map((lane) => store.outbox.listPending(lane)))).flat();
    const unplanned = await Promise.all((await store.listCasesAwaitingFirstMessages(100)).map((id) => store.getCase(id)));
    const unplannedCards = unplanned.reduce((n, c) => n + membersOf(dir, c?.routing.sstTeamId).length, 0);
    expect(waiting.length + unplannedCards).toBe(expected);
    expect(waiting.length + unplannedCards).toBeGreaterThan(schools.length);
    expect(new Set(waiting.map((e) => e.purpose))).toEqual(new Set(waiting.length > 0 ? ['case_card'] : []));
    expect((await store.listUndelivered(1_000)).filter((d) => d.status === 'delivered')).toEqual([]);
    await store.close();

    // The next start, with Teams answering again, sends the backlog: every card once, nothing lost.
    const teams = new ConnectorStandIn();
    const teamsUrl = await teams.start();
    cleanups.push(() => teams.stop());
    const next = startBot({ DATA_DIR: dataDir, TEAMS_SERVICE_URL: teamsUrl });
    await until('start-up line', next, () => next.lines.find((l) => l.event === 'server.started'), 60_000);
    const cards = () => teams.calls.filter((c) => c.kind === 'send' && c.failedWith === undefined);
    await until('every waiting card sent', next, () => (cards().length >= expected ? true : undefined), 30_000);
    next.child.kill('SIGTERM');
    expect(await next.exit).toBe(0);
    expect(cards()).toHaveLength(expected);
    const again = SqliteCaseStore.open(join(dataDir, 'sst-bridge.db'), stockholmTime);
    cleanups.push(() => again.close());
    expect((await Promise.all(lanes.map((lane) => again.outbox.listPending(lane)))).flat()).toEqual([]);
    expect(await again.listCasesAwaitingFirstMessages(100)).toEqual([]);
    const keys = waiting.map((e) => e.key).sort();
    expect((await Promise.all(keys.map((key) => again.getDelivery(key)))).map((d) => d?.status)).toEqual(keys.map(() => 'delivered'));
  }, 60_000);

  it('records a send that Teams answers within a moment of SIGTERM, so the next start does not send that card again', async () => {
    // Alive but slow: each call is answered 300 ms after it arrived.
    const slow = new ConnectorStandIn({ answerAfterMs: 300 });
    const slowUrl = await slow.start();
    cleanups.push(() => slow.stop());
    const dataDir = mkdtempSync(join(tmpdir(), 'sst-bridge-shutdown-'));
    cleanups.push(() => rmSync(dataDir, { recursive: true, force: true }));
    const bot = startBot({ DATA_DIR: dataDir, TEAMS_SERVICE_URL: slowUrl });
    const started = await until('start-up line', bot, () => bot.lines.find((l) => l.event === 'server.started'), 60_000);
    const dir = loadSampleDirectory();
    const schools = dir.districts.map((d) => aSchoolIn(dir, d.code));
    for (const [i, school] of schools.entries()) {
      const res = await fetch(`${String(started.url)}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(anInvoke(aTeacher(i + 1), slowUrl, 'report.submit', aReportPayload(school))),
      });
      await res.arrayBuffer();
      expect(res.status).toBe(200);
    }
    const expected = schools.reduce((n, school) => n + membersOf(dir, school.sstTeamId).length, 0);
    const cardsAt = (connector: ConnectorStandIn) => connector.calls.filter((c) => c.kind === 'send' && c.failedWith === undefined);
    // SIGTERM while the first cards are on their way (arrived, not answered yet).
    await until('a card at the connector', bot, () => (cardsAt(slow).length > 0 ? true : undefined), 20_000);
    bot.child.kill('SIGTERM');
    expect(await bot.exit, bot.stderr.join('')).toBe(0);
    const sentBefore = cardsAt(slow).length;
    expect(sentBefore).toBeGreaterThan(0);
    expect(sentBefore).toBeLessThan(expected);

    const teams = new ConnectorStandIn();
    const teamsUrl = await teams.start();
    cleanups.push(() => teams.stop());
    const next = startBot({ DATA_DIR: dataDir, TEAMS_SERVICE_URL: teamsUrl });
    await until('start-up line', next, () => next.lines.find((l) => l.event === 'server.started'), 60_000);
    await until('the rest of the cards', next, () => (sentBefore + cardsAt(teams).length >= expected ? true : undefined), 30_000);
    await new Promise((resolve) => setTimeout(resolve, 500));
    next.child.kill('SIGTERM');
    expect(await next.exit).toBe(0);
    // Each card once, across both runs.
    expect(sentBefore + cardsAt(teams).length).toBe(expected);
  }, 60_000);
});
