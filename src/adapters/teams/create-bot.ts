import { personAddressKey } from '../../app/ports/addresses';
import type { BotCredentials } from '../../config/env';
import type { BotDeps } from './bot-deps';
import { BoundedCache } from './bounded-cache';
import { registerAdmin } from './features/admin/register';
import { registerQuestionAnswer } from './features/case/answer';
import { registerCheckIn } from './features/case/check-in';
import { registerSchoolSteps } from './features/case/school-steps';
import { registerCaseTrail } from './features/case/trail';
import { registerCase } from './features/case/register';
import { registerChannelLink } from './features/channel-link/register';
import { registerInputAnswer } from './features/handover/answer-input';
import { registerInputRequest } from './features/input-request/register';
import { registerMyHandovers } from './features/handover/my-handovers';
import { registerHandover } from './features/handover/register';
import { registerConsultation } from './features/consultation/register';
import { registerFallback, registerHelp } from './features/help/register';
import { registerMyReports } from './features/my-reports/register';
import { registerReminder } from './features/reminder/register';
import { registerReport } from './features/report/register';
import { registerStatistics } from './features/statistics/register';
import { t } from './i18n/i18n';
import { RecentActivities } from './recent-activities';
import type { ServiceUrls } from './service-urls';
import { createTeamsAiBot } from './teams-ai/teams-ai-bot';
import type { Bot, BotRoutes, Turn } from './turn';

export interface BotOptions extends BotDeps {
  /** Absent only in explicit local mode (no token validation). */
  credentials?: BotCredentials;
  /** Tenants whose activities are handled; empty accepts any (local mode). */
  allowedTenants: readonly string[];
  /** Learns each tenant's Bot Connector URL from its activities. */
  serviceUrls: ServiceUrls;
  /**
   * Where the Bot Framework's token signing keys are published; Microsoft's public endpoints unless given.
   * Tests point it at a closed loopback port to see how the bot answers when it is unreachable.
   */
  openIdMetadataUrl?: string;
}

/** Builds the bot on teams-ai (src/adapters/teams/teams-ai/) with every feature installed. */
export function createBot(options: BotOptions): Bot {
  return createTeamsAiBot(options, (routes) => installBot(routes, options));
}

/**
 * Installs every feature and the checks that run before each turn on the bot's routes: the only place
 * features are wired. Knows nothing of the Teams library that carries the routes.
 */
export function installBot(routes: BotRoutes, options: BotOptions): void {
  const recent = new RecentActivities();
  const storedAddresses = new BoundedCache<string>(maxKnownAddresses);
  routes.beforeTurn(async (turn) => {
    if (!(await isAllowedTenant(turn, options)) || !isFirstDelivery(turn, recent, options)) return false;
    await rememberPersonalAddress(turn, options, storedAddresses);
    await rememberUserId(turn, options);
    const tenantId = turn.actor?.tenantId;
    if (tenantId !== undefined && turn.conversation.serviceUrl) options.serviceUrls.remember(tenantId, turn.conversation.serviceUrl);
    return true;
  });

  registerReport(routes, options);
  registerConsultation(routes, options);
  registerMyReports(routes, options);
  registerChannelLink(routes, options);
  registerAdmin(routes, options);
  registerCaseTrail(routes, options);
  registerCase(routes, options);
  registerQuestionAnswer(routes, options);
  registerCheckIn(routes, options);
  registerSchoolSteps(routes, options);
  registerHandover(routes, options);
  registerInputAnswer(routes, options);
  registerMyHandovers(routes, options);
  registerInputRequest(routes, options);
  registerStatistics(routes, options);
  registerReminder(routes, options);
  registerHelp(routes, options);
  registerFallback(routes);

  routes.failed(async (turn, error) => {
    options.log.error(
      {
        event: 'turn.failed',
        correlationId: turn.correlationId,
        activityType: turn.activityType,
        errorName: error instanceof Error ? error.name : 'unknown',
        stack: error instanceof Error ? error.stack : undefined,
      },
      'turn failed',
    );
    return t(turn.lang, 'error.apology');
  });
}

/** The tenant lock: activities from tenants other than the configured ones are refused before any handler, and audited. */
async function isAllowedTenant(turn: Turn, options: BotOptions): Promise<boolean> {
  if (options.allowedTenants.length === 0) return true;
  const actor = turn.actor;
  const allowed = actor !== undefined && options.allowedTenants.includes(actor.tenantId);
  if (!allowed) {
    options.log.warn({ event: 'turn.tenant_refused', correlationId: turn.correlationId });
    await options.store.appendAudit({
      at: options.clock.now(),
      actorId: actor?.userId ?? 'unknown',
      action: 'tenant.refused',
      detail: { tenantId: actor?.tenantId ?? 'none', activityType: turn.activityType },
    });
  }
  return allowed;
}

/** A message Teams re-sent because our first answer was slow is answered once only. */
function isFirstDelivery(turn: Turn, recent: RecentActivities, options: BotOptions): boolean {
  const id = turn.correlationId;
  if (turn.activityType !== 'message' || id === undefined) return true;
  const first = recent.firstSighting(`${turn.conversation.id}|${id}`, Date.parse(options.clock.now()));
  if (!first) options.log.info({ event: 'turn.repeat_ignored', correlationId: id });
  return first;
}

/** Learns the sender's Teams user id (MRI) next to their Entra object id, from any conversation. */
async function rememberUserId(turn: Turn, options: BotOptions): Promise<void> {
  const { actor, sender } = turn;
  if (!actor || sender.entraId === undefined) return;
  await options.userIds.remember(actor.tenantId, { mri: sender.mri, entraId: sender.entraId });
}

/** People whose 1:1 chat address this process last read or wrote, past which the oldest are read again. */
const maxKnownAddresses = 10_000;

/**
 * Keeps the latest address of each user's 1:1 chat, so that status messages and cards can reach them later.
 * Every turn passes here and the address rarely changes: a person whose address this process last read or wrote
 * is the same one costs nothing, anyone else a read, and a new or changed address a write.
 */
async function rememberPersonalAddress(turn: Turn, options: BotOptions, storedAddresses: BoundedCache<string>): Promise<void> {
  const actor = turn.actor;
  if (!actor || turn.conversation.type !== 'personal') return;
  const address = turn.conversation.address();
  if (!address) return;
  const key = personAddressKey(actor.tenantId, actor.userId);
  const known = `${address.transport}\n${address.value}`;
  if (storedAddresses.get(key) === known) return;
  const stored = await options.store.getAddress(key);
  if (stored?.address.transport !== address.transport || stored.address.value !== address.value) await options.store.saveAddress(key, address, options.clock.now());
  storedAddresses.set(key, known);
}
