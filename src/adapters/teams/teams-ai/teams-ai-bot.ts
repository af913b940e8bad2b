import type { TurnState } from '@microsoft/teams-ai';
import { Application } from './teams-ai-lib';
import type { BotCredentials } from '../../../config/env';
import type { Logger } from '../../log/logger';
import type { Bot, BotRoutes } from '../turn';
import { BotHttpAdapter } from './bot-http-adapter';
import { teamsAiRoutes } from './teams-ai-routes';

export interface TeamsAiBotOptions {
  /** Absent only in explicit local mode (no token validation). */
  credentials?: BotCredentials;
  /**
   * Where the Bot Framework's token signing keys are published; Microsoft's public endpoints unless given.
   * Tests point it at a closed loopback port to see how the bot answers when it is unreachable.
   */
  openIdMetadataUrl?: string;
  log: Logger;
}

/**
 * The bot on teams-ai 1.x and botbuilder: builds the Application and its HTTP adapter, and lets `install`
 * register the features on the bot's own routes (../turn.ts). The only file that creates teams-ai objects.
 */
export function createTeamsAiBot(options: TeamsAiBotOptions, install: (routes: BotRoutes) => void): Bot {
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
  install(teamsAiRoutes(app));

  // `app.error` (the bot's `failed` route: log, then apologise) is botbuilder's onTurnError. Reached here only
  // when the apology itself could not be sent (the connector is down): log it, do not print the activity to the
  // console as botbuilder's default handler would.
  const apologise = adapter.onTurnError;
  adapter.onTurnError = async (context, error) => {
    try {
      await apologise(context, error);
    } catch {
      options.log.error({
        event: 'turn.error_unhandled',
        correlationId: context.activity.id,
        errorName: error instanceof Error ? error.name : 'unknown',
      });
    }
  };

  return { process: (activity, authorization) => adapter.handle(activity, authorization, (context) => app.run(context).then(() => undefined)) };
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
