import type { TurnState } from '@microsoft/teams-ai';
import { Application } from './teams-ai';
import type { Request, Response, TurnContext } from 'botbuilder';
import { personAddressKey } from '../../app/ports';
import type { BotCredentials } from '../../config/env';
import { actorFrom } from './actor';
import { BotHttpAdapter } from './bot-http-adapter';
import type { BotDeps } from './bot-deps';
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
import { t } from './i18n/i18n';
import { addressOf, isPersonalChat } from './addresses';
import { RecentActivities } from './recent-activities';
import type { ServiceUrls } from './service-urls';
import { langOf } from './reply';

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

export interface Bot {
  /** Handles one POST /api/messages: validates the token (unless local mode), runs the turn, writes the response. */
  process(req: Request, res: Response): Promise<void>;
}

/** Builds the teams-ai Application and installs every feature. The only place features are wired. */
export function createBot(options: BotOptions): Bot {
  const c = options.credentials;
  const adapter = new BotHttpAdapter(
    c
      ? {
          MicrosoftAppId: c.appId,
          MicrosoftAppPassword: c.appPassword,
          MicrosoftAppType: c.appType,
          MicrosoftAppTenantId: c.tenantId,
          ...(options.openIdMetadataUrl === undefined ? {} : publicCloudWithKeysAt(options.openIdMetadataUrl)),
        }
      : {},
    options.log,
  );
  // No teams-ai storage: the case store is the only source of truth, TurnState carries no case data.
  const app = new Application<TurnState>({
    adapter,
    botAppId: c?.appId,
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  const recent = new RecentActivities();
  app.turn('beforeTurn', async (context) => {
    if (!(await isAllowedTenant(context, options)) || !isFirstDelivery(context, recent, options)) return false;
    await rememberPersonalAddress(context, options);
    await rememberUserId(context, options);
    const tenantId = actorFrom(context)?.tenantId;
    if (tenantId !== undefined && context.activity.serviceUrl) options.serviceUrls.remember(tenantId, context.activity.serviceUrl);
    return true;
  });

  registerReport(app, options);
  registerConsultation(app, options);
  registerMyReports(app, options);
  registerChannelLink(app, options);
  registerAdmin(app, options);
  registerCaseTrail(app, options);
  registerCase(app, options);
  registerQuestionAnswer(app, options);
  registerCheckIn(app, options);
  registerSchoolSteps(app, options);
  registerHandover(app, options);
  registerInputAnswer(app, options);
  registerMyHandovers(app, options);
  registerInputRequest(app, options);
  registerReminder(app, options);
  registerHelp(app, options);
  registerFallback(app);

  app.error(async (context, error) => {
    options.log.error(
      {
        event: 'turn.failed',
        correlationId: context.activity.id,
        activityType: context.activity.type,
        errorName: error instanceof Error ? error.name : 'unknown',
        stack: error instanceof Error ? error.stack : undefined,
      },
      'turn failed',
    );
    await context.sendActivity(t(langOf(context), 'error.apology'));
  });

  // Reached only when the apology itself could not be sent (the connector is down): log it, do not print
  // the activity to the console as botbuilder's default handler would.
  adapter.onTurnError = async (context, error) => {
    options.log.error({
      event: 'turn.error_unhandled',
      correlationId: context.activity.id,
      errorName: error instanceof Error ? error.name : 'unknown',
    });
  };

  return { process: (req, res) => adapter.handle(req, res, (context) => app.run(context).then(() => undefined)) };
}

/**
 * The public Azure cloud's settings (botframework-connector AuthenticationConstants), with the signing keys
 * read from `url`. Setting any of these makes botbuilder take all of them from the configuration.
 */
function publicCloudWithKeysAt(url: string) {
  return {
    ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
    ToChannelFromBotOAuthScope: 'https://api.botframework.com',
    ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
    OAuthUrl: 'https://api.botframework.com',
    ToBotFromChannelOpenIdMetadataUrl: url,
    ToBotFromEmulatorOpenIdMetadataUrl: url,
    CallerId: 'urn:botframework:azure',
  };
}

/** The tenant lock: activities from tenants other than the configured ones are refused before any handler, and audited. */
async function isAllowedTenant(context: TurnContext, options: BotOptions): Promise<boolean> {
  if (options.allowedTenants.length === 0) return true;
  const actor = actorFrom(context);
  const allowed = actor !== undefined && options.allowedTenants.includes(actor.tenantId);
  if (!allowed) {
    options.log.warn({ event: 'turn.tenant_refused', correlationId: context.activity.id });
    await options.store.appendAudit({
      at: options.clock.now(),
      actorId: actor?.userId ?? 'unknown',
      action: 'tenant.refused',
      detail: { tenantId: actor?.tenantId ?? 'none', activityType: context.activity.type },
    });
  }
  return allowed;
}

/** A message Teams re-sent because our first answer was slow is answered once only. */
function isFirstDelivery(context: TurnContext, recent: RecentActivities, options: BotOptions): boolean {
  const id = context.activity.id;
  if (context.activity.type !== 'message' || id === undefined) return true;
  const first = recent.firstSighting(`${context.activity.conversation.id}|${id}`, Date.parse(options.clock.now()));
  if (!first) options.log.info({ event: 'turn.repeat_ignored', correlationId: id });
  return first;
}

/** Learns the sender's Teams user id (MRI) next to their Entra object id, from any conversation. */
async function rememberUserId(context: TurnContext, options: BotOptions): Promise<void> {
  const actor = actorFrom(context);
  const from = context.activity.from;
  if (!actor || from.aadObjectId === undefined) return;
  await options.userIds.remember(actor.tenantId, { mri: from.id, entraId: from.aadObjectId });
}

/** Keeps the latest address of each user's 1:1 chat, so that status messages and cards can reach them later. */
async function rememberPersonalAddress(context: TurnContext, options: BotOptions): Promise<void> {
  const actor = actorFrom(context);
  if (!actor || !isPersonalChat(context)) return;
  const address = addressOf(context, actor.tenantId);
  if (!address) return;
  const key = personAddressKey(actor.tenantId, actor.userId);
  // Every turn passes here: a read is cheaper than a write, and the address rarely changes.
  const stored = await options.store.getAddress(key);
  if (stored?.address.transport === address.transport && stored.address.value === address.value) return;
  await options.store.saveAddress(key, address, options.clock.now());
}
