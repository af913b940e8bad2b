import { randomUUID } from 'node:crypto';
import { hostname } from 'node:os';
import type { StatisticsSource } from './app/view-statistics';
import { statisticsFor } from './app/compute-statistics';
import type { CaseStore } from './app/ports/case-store';
import type { Clock } from './app/ports/clock';
import type { IdSource } from './app/ports/ids';
import type { DirectoryReloader } from './app/reload-directory';
import { isLoopbackUrl, type Config } from './config/env';
import type { Directory } from './domain/routing/directory';
import { createServer, type HttpServer } from './adapters/http/server';
import type { Logger } from './adapters/log/logger';
import { createBot } from './adapters/teams/create-bot';
import { calendarOf } from './adapters/calendar/calendar-of';
import { arrivedAtCurrentUnit, handoverDeadlines } from './domain/handover/deadlines';
import { TrackedBackgroundWork } from './adapters/background/tracked-background-work';
import { createTeamsNotifier } from './adapters/teams/delivery/teams-notifier';
import { TeamsMessenger } from './adapters/teams/teams-messenger';
import { TeamsUserIds } from './adapters/teams/teams-user-ids';
import { ServiceUrls } from './adapters/teams/service-urls';
import { SubmissionLimiter } from './adapters/teams/submission-limiter';
import { OutboxReminderSender, type ReminderEvent } from './app/queue-reminder';
import { sweepReminders, type SweepOptions, type SweepResult } from './app/sweep-reminders';
import { OutboxDrainer, type DrainTimer, type OutboxEvent } from './app/outbox/outbox-drainer';
import { systemDrainTimer } from './adapters/clock/system-drain-timer';
import { CaseMessageSender } from './app/outbox/case-message-sender';
import { teamsSendLimits, type SendLimits } from './app/outbox/send-window';
import { defaultRetryPolicy } from './adapters/teams/delivery/retry-policy';
import { outboxDeliveryLedger } from './adapters/teams/delivery/outbox-delivery-ledger';
import type { OutboxSignal } from './app/ports/outbox';
import { RefusalAuditWindows, withBoundedRefusals } from './app/bounded-refusal-audit';
import { FollowUpPlanner } from './app/follow-up-planner';
import { TurnActivity } from './app/turn-activity';

/** What the drainer did, as log lines: delivery keys and statuses only (docs/delivery.md). */
function logOutboxEvent(log: Logger, e: OutboxEvent): void {
  if (e.event === 'outbox.failed' || e.event === 'outbox.unreachable' || e.event === 'outbox.not_committed') log.warn(e);
  else if (e.event === 'outbox.claimed') log.debug(e);
  else log.info(e);
}

/** What the reminder sender did, as log lines: ids and counts only. */
function logReminderEvent(log: Logger, e: ReminderEvent): void {
  if (e.event === 'reminder.no_recipient') log.warn(e);
  else log.info(e);
}

/** A Bot Connector call of the outbox that has not answered after this long counts as no response. */
const outboxSendTimeoutMs = 7_000;

/** After SIGTERM, how long sends already on their way may take to be answered before they are given up. */
const inFlightSendGraceMs = 2_000;

/** One audit row per kind of refusal per ten minutes, plus a summary row with the count (docs/security.md). */
export const refusalAuditWindowMs = 10 * 60_000;

export interface AppDeps {
  config: Pick<Config, 'credentials' | 'allowedTenants' | 'maxBodyBytes' | 'teamsServiceUrl' | 'reportRateLimit'>;
  store: CaseStore;
  clock: Clock;
  ids: IdSource;
  directory: () => Directory;
  log: Logger;
  /** Reloads the routing directory; run.ts passes one, tests may. */
  reload?: DirectoryReloader;
  /**
   * Outbound limits: Teams' published ones unless given (the benchmark lifts them to measure our own cost).
   * `outbox` paces every message about a case (cards, status messages, questions, reminders) across instances.
   */
  deliveryLimits?: { outbox: SendLimits };
  /** The outbox drainer's time and timer; the machine's unless given. */
  drainTimer?: DrainTimer;
  /** Lanes this instance's drainer holds at once; the drainer's default unless given (tests share a small backlog between instances). */
  drainerMaxLanes?: number;
  /** Names this instance in the outbox's leases; host, process and a random part unless given. */
  instanceId?: string;
  /** Where the statistics card's figures come from; absent: the store's aggregates (`statisticsFor`). Tests pass a recording source. */
  statistics?: StatisticsSource;
  /** The Bot Framework's OpenID metadata URL; Microsoft's unless given (tests: an unreachable loopback port). */
  openIdMetadataUrl?: string;
}

export interface App {
  server: HttpServer;
  /**
   * Resolves when no proactive work started by a turn is still running, every new case's reminders are planned
   * and the outbox is empty (waiting out Teams' pacing and backoffs on the drainer's timer): tests and the benchmark.
   */
  idle(): Promise<void>;
  /**
   * Shutdown, first step: /healthz answers 503 and responses close their connections (so the server closes
   * once the turns in flight have ended), and pending proactive sends end at once as failed deliveries,
   * which the store keeps for the periodic retry after the restart.
   */
  beginShutdown(): void;
  /** Wakes the outbox's drainer (the periodic retry of undelivered messages queues them again). */
  drainer: OutboxSignal;
  /**
   * Shutdown, last step before the store closes: the drainer and the follow-up planner have stopped (their rounds
   * in flight ended; the backlog and the cases awaiting reminders stay in the store for the next start) and the
   * background work has settled.
   */
  stopped(): Promise<void>;
  /**
   * Runs one reminder sweep with this app's store and clock: due reminders are queued in the outbox and the
   * drainer is woken (the sweep sends nothing itself). run.ts's scheduler calls it every interval, tests call it
   * after moving their clock.
   */
  sweepReminders(options: SweepOptions): Promise<SweepResult>;
  /**
   * Writes the summary rows of repeated refusals: of the windows that have closed, or of all (`'all'`, at
   * shutdown, before the store closes). run.ts calls it every minute.
   */
  flushRefusalAudit(which: 'closed' | 'all'): Promise<void>;
}

/** How long after the last answer the app counts as quiet for the follow-up planner (TurnActivity). */
const plannerQuietMs = 100;

/** Wires bot, delivery and HTTP edge from already-built adapters; used by run.ts and by the end-to-end tests. */
export function createApp(deps: AppDeps): App {
  const refusals = new RefusalAuditWindows(deps.store, deps.clock, { windowMs: refusalAuditWindowMs, maxOpenWindows: 10_000 });
  const store = withBoundedRefusals(deps.store, refusals);
  const background = new TrackedBackgroundWork(deps.log);
  const serviceUrls = new ServiceUrls(deps.config.teamsServiceUrl);
  let draining = false;
  // The outbox's sends: one attempt each, unpaced here; the drainer paces, retries and records them.
  const outboxNotifier = createTeamsNotifier({
    credentials: deps.config.credentials,
    ledger: outboxDeliveryLedger,
    clock: deps.clock,
    log: deps.log,
    limits: { perConversation: [], global: [] },
    policy: { ...defaultRetryPolicy, maxAttempts: 1 },
    // Within the quarter of the drainer's 30 s lease that it keeps free after its last send starts: a call that
    // hangs ends as no response while the lease still holds, so another instance never sends into the lane
    // at the same time (a send of several calls, such as creating a chat first, is bounded by the drainer).
    callTimeoutMs: outboxSendTimeoutMs,
  });
  const userIds = new TeamsUserIds({ store: deps.store, clock: deps.clock });
  const messenger = new TeamsMessenger({
    notifier: outboxNotifier,
    userIds,
    directory: deps.directory,
    clock: deps.clock,
    serviceUrlFor: (tenantId) => serviceUrls.urlFor(tenantId),
    deadlines: (c) =>
      c.handover && handoverDeadlines(c.handover, deps.clock.toLocal(arrivedAtCurrentUnit(c.handover)), deps.clock.today(), calendarOf(deps.directory())),
  });
  // The drainer's and the follow-up planner's time and timer.
  const backgroundTimer = deps.drainTimer ?? systemDrainTimer;
  const drainer = new OutboxDrainer(
    {
      store: deps.store.outbox,
      records: deps.store,
      sender: new CaseMessageSender({ store: deps.store, messenger, directory: deps.directory, clock: deps.clock, calendar: () => calendarOf(deps.directory()) }),
      clock: deps.clock,
      timer: backgroundTimer,
      random: Math.random,
      caseVersion: async (caseId) => (await deps.store.getCase(caseId))?.version,
      onEvent: (event) => logOutboxEvent(deps.log, event),
      onError: (error) => deps.log.error({ event: 'outbox.drain_failed', errorName: error instanceof Error ? error.name : 'unknown' }),
    },
    {
      owner: deps.instanceId ?? `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`,
      limits: deps.deliveryLimits?.outbox ?? teamsSendLimits,
      ...(deps.drainerMaxLanes === undefined ? {} : { maxLanes: deps.drainerMaxLanes }),
    },
  );
  drainer.start();
  let stopping: Promise<void> | undefined;
  const calendar = () => calendarOf(deps.directory());
  const sender = new OutboxReminderSender({
    store: deps.store,
    clock: deps.clock,
    directory: deps.directory,
    drainer,
    onEvent: (event) => logReminderEvent(deps.log, event),
  });
  // New cases' first cards and reminders are planned once requests have stopped for a moment (or a batch a
  // second while they keep coming): a burst of reports is answered first (app/follow-up-planner.ts).
  const turns = new TurnActivity(plannerQuietMs);
  const planner = new FollowUpPlanner({
    store: deps.store,
    clock: deps.clock,
    directory: deps.directory,
    calendar,
    drainer,
    timer: backgroundTimer,
    quietIn: () => turns.quietIn(backgroundTimer.now()),
    onError: (error, caseId) =>
      deps.log.error({ event: 'case.follow_up_plan_failed', ...(caseId === undefined ? {} : { caseId }), errorName: error instanceof Error ? error.name : 'unknown' }),
  });
  planner.start();
  const bot = createBot({
    store,
    clock: deps.clock,
    ids: deps.ids,
    directory: deps.directory,
    calendar,
    log: deps.log,
    userIds,
    background,
    drainer,
    submissions: new SubmissionLimiter(deps.config.reportRateLimit, deps.clock),
    serviceUrls,
    ...(deps.reload ? { reload: deps.reload } : {}),
    statistics: deps.statistics ?? { report: (query) => statisticsFor({ store: deps.store, clock: deps.clock, directory: deps.directory, calendar }, query) },
    credentials: deps.config.credentials,
    allowedTenants: deps.config.allowedTenants,
    ...(deps.openIdMetadataUrl === undefined ? {} : { openIdMetadataUrl: deps.openIdMetadataUrl }),
  });
  const server = createServer({
    handleMessages: async (activity, authorization) => {
      turns.begin();
      try {
        return await bot.process(activity, authorization);
      } finally {
        if (turns.end(backgroundTimer.now())) planner.wake();
      }
    },
    log: deps.log,
    maxBodyBytes: deps.config.maxBodyBytes,
    health: () => ({ directoryVersion: deps.directory().version }),
    // With credentials botbuilder checks the serviceUrl against the signed token. Without them (local mode)
    // nothing vouches for it, so the bot only answers on this machine and cannot be made to call elsewhere.
    isAllowedServiceUrl: deps.config.credentials ? (url) => url.protocol === 'https:' : isLoopbackUrl,
    draining: () => draining,
  });
  return {
    server,
    idle: async () => {
      await background.idle();
      await planner.idle();
      await drainer.idle({ throughPauses: true });
      await background.idle();
    },
    beginShutdown: () => {
      draining = true;
      stopping ??= Promise.all([drainer.stop(), planner.stop()]).then(() => undefined);
      // Sends already on their way get a moment to be answered and recorded: one given up after Teams took it
      // would go out again at the next start. A Bot Connector that does not answer is given up on after that.
      const giveUp = setTimeout(() => outboxNotifier.abandonPending(), inFlightSendGraceMs);
      giveUp.unref();
      const done = () => clearTimeout(giveUp);
      void stopping.then(done, done);
    },
    stopped: async () => {
      await (stopping ??= Promise.all([drainer.stop(), planner.stop()]).then(() => undefined));
      await background.idle();
    },
    drainer,
    sweepReminders: (options) => sweepReminders({ store: deps.store, clock: deps.clock, directory: deps.directory, calendar, sender }, options),
    flushRefusalAudit: (which) => (which === 'all' ? refusals.flushAll() : refusals.flushExpired()),
  };
}
