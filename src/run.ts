import { fileURLToPath } from 'node:url';
import { version as appVersion } from '../package.json';
import { SystemClock } from './adapters/clock/system-clock';
import { UuidIds } from './adapters/ids/uuid-ids';
import { calendarOf } from './adapters/calendar/calendar-of';
import { routeConsoleToLogger } from './adapters/log/console-to-logger';
import { createLogger } from './adapters/log/logger';
import { startReminderScheduler } from './adapters/scheduler/reminder-scheduler';
import { openCaseStore } from './adapters/store/open-case-store';
import { createApp } from './app-server';
import { purgeExpiredCases } from './app/purge-expired-cases';
import { retryUndelivered } from './app/retry-undelivered';
import { openDirectorySource } from './config/directory-source';
import { loadConfig } from './config/env';
import { startupSummary } from './config/startup-summary';

/** From SIGTERM to exit, at most (App Service waits a while before it kills; we promise 10 s). */
const shutdownDeadlineMs = 9_000;
/** How long the turns in flight get to end after SIGTERM before the store is closed under them. */
const turnsGraceMs = 5_000;

/** Whether `work` settled within `ms`. */
async function settlesWithin(work: Promise<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  try {
    return await Promise.race([work.then(() => true), late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Composition root: the only file that reads process.env and picks concrete adapters. src/main.ts (the entry)
 * imports this module once Node's compile cache is on.
 */
async function main(): Promise<void> {
  // src/run.ts (tsx) and the build's chunks in dist/ all sit one folder below the repository root.
  const loaded = loadConfig(process.env, { sampleDirectoryFile: fileURLToPath(new URL('../directory/stockholm.sample.yaml', import.meta.url)) });
  if (!loaded.ok) {
    process.stderr.write(`SST Bridge cannot start, the configuration has problems:\n${loaded.errors.map((e) => `- ${e}`).join('\n')}\n`);
    process.exit(1);
  }
  const config = loaded.config;
  const log = createLogger(config.logLevel);
  // botbuilder prints whole errors (stacks, URLs, signing keys) with console.error: one redacted line instead.
  routeConsoleToLogger(console, log);
  // Production refuses sample data unless ALLOW_SAMPLE_DIRECTORY=true; an unusable calendar stops start-up.
  const directories = openDirectorySource(config, (d) => calendarOf(d), log);
  const directory = directories.current;
  const reload = directories.reload;
  const clock = new SystemClock();
  const store = await openCaseStore(config, clock, log);
  const app = createApp({ config, store, clock, ids: new UuidIds(), directory, log, reload });
  const server = app.server;

  // Messages the outbox gave up on for a transient reason are queued again with the same keys, so never sent twice.
  const retryEveryMs = 60_000;
  let retrying = false;
  const retryTimer = setInterval(() => {
    if (retrying) return;
    retrying = true;
    retryUndelivered({ store, clock, directory, drainer: app.drainer })
      .then((delivered) => {
        if (delivered > 0) log.info({ event: 'delivery.retry_queued', queued: delivered });
      })
      .catch((error: unknown) => log.error({ event: 'delivery.retry_failed', errorName: error instanceof Error ? error.name : 'unknown' }))
      .finally(() => {
        retrying = false;
      });
  }, retryEveryMs);
  retryTimer.unref();

  // Repeated refusals are counted in memory (app/bounded-refusal-audit.ts): their summary rows are written
  // when the window closes, found here, or at shutdown.
  const refusalTimer = setInterval(() => {
    app.flushRefusalAudit('closed').catch((error: unknown) => log.error({ event: 'audit.refusal_flush_failed', errorName: error instanceof Error ? error.name : 'unknown' }));
  }, 60_000);
  refusalTimer.unref();

  // Retention: erase cases whose owner's period has run out, at start-up and then daily. Idempotent and audited.
  const purge = () =>
    purgeExpiredCases({ store, clock, directory })
      .then((r) => log.info(r.configured ? { event: 'retention.purged', erased: r.erased, conflicts: r.conflicts } : { event: 'retention.not_configured' }))
      .catch((error: unknown) => log.error({ event: 'retention.purge_failed', errorName: error instanceof Error ? error.name : 'unknown' }));
  void purge();
  const purgeTimer = setInterval(() => void purge(), 24 * 60 * 60_000);
  purgeTimer.unref();

  // Follow-up reminders: what fell due is claimed from the store and queued in the outbox, inside working hours
  // only. The lease outlasts one batch; a crashed instance's claims expire and another instance takes over.
  const reminders = startReminderScheduler({
    sweep: (options) => app.sweepReminders(options),
    log,
    intervalMs: 60_000,
    leaseMs: 5 * 60_000,
    batchSize: 50,
    retryAfterMs: 15 * 60_000,
  });

  process.on('SIGHUP', () => {
    reload();
  });
  // Shutdown (SIGTERM on an App Service restart or scale-in): stop taking requests, let the turns in flight
  // end, give the sends in flight 2 s to be answered, then give them up (their outbox rows stay, so the next start sends them), stop the outbox's drainer (the backlog stays in the store), the timers and the reminder sweep, close the store and exit 0; whatever still hangs, the
  // process exits 1 with a log line at the deadline, so it is gone within 10 s of the signal.
  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    const begun = Date.now();
    log.info({ event: 'server.stopping', signal });
    const deadline = setTimeout(() => {
      log.error({ event: 'server.stop_deadline_passed', afterMs: Date.now() - begun });
      process.exit(1);
    }, shutdownDeadlineMs);
    deadline.unref();
    clearInterval(retryTimer);
    clearInterval(purgeTimer);
    clearInterval(refusalTimer);
    app.beginShutdown();
    stopInOrder()
      .then(() => {
        log.info({ event: 'server.stopped', afterMs: Date.now() - begun });
        process.exit(0);
      })
      .catch((error: unknown) => {
        log.error({ event: 'server.stop_failed', errorName: error instanceof Error ? error.name : 'unknown' });
        process.exit(1);
      });
  };
  const stopInOrder = async (): Promise<void> => {
    const closed = new Promise<void>((resolve) => server.close(() => resolve()));
    // Keep-alive connections that went idle after their last response would hold the server open.
    const closeIdle = setInterval(() => server.server.closeIdleConnections(), 100);
    const ended = await settlesWithin(closed, turnsGraceMs);
    clearInterval(closeIdle);
    if (!ended) log.warn({ event: 'server.turns_abandoned', afterMs: turnsGraceMs });
    await reminders.stop();
    await app.stopped();
    await app.flushRefusalAudit('all').catch((error: unknown) => log.error({ event: 'audit.refusal_flush_failed', errorName: error instanceof Error ? error.name : 'unknown' }));
    await store.close();
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));

  server.listen(config.port, config.host, () => {
    const { level, line } = startupSummary(config, server.address(), {
      directoryVersion: directory().version,
      directorySample: directory().sample === true,
      appVersion,
      nodeVersion: process.version,
    });
    log[level](line);
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`SST Bridge failed to start: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
