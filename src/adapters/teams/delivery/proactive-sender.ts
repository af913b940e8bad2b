import { TeamsInfo, TurnContext, type Activity, type CloudAdapter, type ConversationReference } from 'botbuilder';
import type { TeamsMember } from '../teams-user-ids';
import type { TransportResult } from './delivery-queue';
import type { TransportFailure } from './retry-policy';
import { referenceOf, teamsTransport, type ConversationAddress, type PersonalAddress } from './teams-address';

/** The Bot Connector calls delivery needs, each returning its HTTP failure as a value. */
export interface ProactiveTransport {
  send(to: ConversationAddress, activity: Partial<Activity>): Promise<TransportResult<{ messageId: string }>>;
  update(to: ConversationAddress, messageId: string, activity: Partial<Activity>): Promise<TransportResult<undefined>>;
  createPersonalChat(person: PersonalAddress): Promise<TransportResult<ConversationAddress>>;
  /** The conversation's roster (a channel's is its team's): each member's MRI and Entra object id. */
  members(of: ConversationAddress): Promise<TransportResult<TeamsMember[]>>;
}

/** Members per page of the paged members API (Teams allows up to 500). */
const membersPageSize = 500;

/** Audience (token scope) of the public-cloud Bot Connector; botbuilder's AuthenticationConstants.ToChannelFromBotOAuthScope. */
export const publicCloudAudience = 'https://api.botframework.com';

/**
 * Proactive messages through a CloudAdapter: continueConversationAsync for a stored conversation,
 * createConversationAsync for a personal chat that does not exist (any more). Errors that are not HTTP or
 * network failures (bugs, misconfiguration) are thrown, wrapped with the step that failed.
 */
export class ProactiveSender implements ProactiveTransport {
  constructor(
    private readonly adapter: CloudAdapter,
    private readonly botAppId: string,
    private readonly audience: string = publicCloudAudience,
  ) {}

  send(to: ConversationAddress, activity: Partial<Activity>): Promise<TransportResult<{ messageId: string }>> {
    return asResult('send', async () => {
      let messageId: string | undefined;
      await this.adapter.continueConversationAsync(this.botAppId, referenceOf(to, this.botAppId), async (context) => {
        // TurnContext stamps the continuation event's random id on outgoing activities as replyToId, which
        // turns the send into POST .../activities/{random id} (reply). A proactive message is a new one.
        context.onSendActivities(async (_context, activities, next) => {
          for (const outgoing of activities) delete outgoing.replyToId;
          return next();
        });
        messageId = (await context.sendActivity(activity))?.id;
      });
      if (!messageId) throw new Error('expected the Bot Connector to return the id of the sent message, found none');
      return { messageId };
    });
  }

  update(to: ConversationAddress, messageId: string, activity: Partial<Activity>): Promise<TransportResult<undefined>> {
    return asResult('update', async () => {
      await this.adapter.continueConversationAsync(this.botAppId, referenceOf(to, this.botAppId), async (context) => {
        await context.updateActivity({ ...activity, id: messageId });
      });
      return undefined;
    });
  }

  /** GET /v3/conversations/{id}/pagedmembers, page by page. Members without an Entra object id (bots, guests from elsewhere) are left out. */
  members(of: ConversationAddress): Promise<TransportResult<TeamsMember[]>> {
    return asResult('members', async () => {
      const found: TeamsMember[] = [];
      await this.adapter.continueConversationAsync(this.botAppId, referenceOf(of, this.botAppId), async (context) => {
        let token: string | undefined;
        do {
          const page = await TeamsInfo.getPagedMembers(context, membersPageSize, token);
          for (const m of page.members) if (m.aadObjectId) found.push({ mri: m.id, entraId: m.aadObjectId });
          token = page.continuationToken || undefined;
        } while (token !== undefined);
      });
      return found;
    });
  }

  /** POST /v3/conversations with the person's Entra object id, the tenant and the bot id. */
  createPersonalChat(person: PersonalAddress): Promise<TransportResult<ConversationAddress>> {
    return asResult('create_conversation', async () => {
      let reference: Partial<ConversationReference> | undefined;
      const parameters = {
        isGroup: false,
        bot: { id: this.botAppId, name: '' },
        members: [{ id: person.userId, name: '' }],
        tenantId: person.tenantId,
        channelData: { tenant: { id: person.tenantId } },
      };
      await this.adapter.createConversationAsync(this.botAppId, teamsTransport, person.serviceUrl, this.audience, parameters, async (context) => {
        reference = TurnContext.getConversationReference(context.activity);
      });
      const conversationId = reference?.conversation?.id;
      if (!conversationId) throw new Error('expected the Bot Connector to return the id of the created conversation, found none');
      return {
        kind: 'conversation',
        serviceUrl: person.serviceUrl,
        conversationId,
        conversationType: 'personal',
        tenantId: person.tenantId,
        userId: person.userId,
      };
    });
  }
}

export class ProactiveSendError extends Error {
  override readonly name = 'ProactiveSendError';
}

async function asResult<T>(step: string, call: () => Promise<T>): Promise<TransportResult<T>> {
  try {
    return { ok: true, value: await call() };
  } catch (error) {
    const failure = transportFailureOf(error);
    if (failure) return { ok: false, failure };
    throw new ProactiveSendError(`proactive ${step} failed before reaching the Bot Connector`, { cause: error });
  }
}

/**
 * botbuilder surfaces Bot Connector failures as @azure/core-rest-pipeline RestError: `statusCode` when an
 * HTTP response came back (with the response, non-enumerable, under `response`), otherwise a `code` such as
 * REQUEST_SEND_ERROR or ECONNREFUSED. Read structurally so the transitive package is not imported.
 */
export function transportFailureOf(error: unknown): TransportFailure | undefined {
  if (!(error instanceof Error) || error.name !== 'RestError') return undefined;
  const statusCode: unknown = Reflect.get(error, 'statusCode');
  const code: unknown = Reflect.get(error, 'code');
  if (typeof statusCode === 'number') {
    const retryAfter = headerOf(Reflect.get(error, 'response'), 'retry-after');
    return retryAfter === undefined ? { status: statusCode } : { status: statusCode, retryAfter };
  }
  return typeof code === 'string' ? { status: 'no_response', code } : { status: 'no_response' };
}

function headerOf(response: unknown, name: string): string | undefined {
  if (typeof response !== 'object' || response === null) return undefined;
  const headers: unknown = Reflect.get(response, 'headers');
  if (typeof headers !== 'object' || headers === null) return undefined;
  const get: unknown = Reflect.get(headers, 'get');
  if (typeof get !== 'function') return undefined;
  const value: unknown = get.call(headers, name);
  return typeof value === 'string' ? value : undefined;
}
