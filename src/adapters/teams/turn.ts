import type { z } from 'zod';
import type { DeliveryAddress } from '../../app/ports/addresses';
import type { Actor } from '../../domain/case/case';
import type { AdaptiveCardJson } from './cards/render';
import type { Lang } from './i18n/i18n';
import type { TeamsMember } from './teams-user-ids';

/**
 * The bot's own turn layer: what the features see of one incoming activity and how they register. Nothing
 * here names teams-ai or botbuilder; src/adapters/teams/teams-ai/ adapts them to it, so that moving to another
 * Teams library means rewriting that folder (and the delivery transport) alone.
 */

/** One incoming activity, built once per turn by the Teams adapter. */
export interface Turn {
  /** Who acts; undefined when the activity carries no tenant or user. Roles come from the directory, never from here. */
  readonly actor: Actor | undefined;
  /** The language to answer in, from the sender's Teams locale. */
  readonly lang: Lang;
  /** The activity id, for logs and the repeat check; undefined when the activity has none. */
  readonly correlationId: string | undefined;
  /** The activity type as Teams names it: 'message', 'invoke', 'conversationUpdate', … */
  readonly activityType: string;
  /** A message's text without the bot's @mention; '' for other activities. */
  readonly text: string;
  /** The sender: their Teams user id (MRI, for `refresh.userIds`) and, when Teams sends it, their Entra object id. */
  readonly sender: { readonly mri: string; readonly entraId: string | undefined };
  /** A card action's raw value (its verb and data): only for the audit of a refused action. */
  readonly value: unknown;
  /** For a card action, the id of the message whose card was pressed. */
  readonly replyToId: string | undefined;
  readonly conversation: TurnConversation;
}

/** The conversation the activity came from, and what the features may ask the Teams service about it. */
export interface TurnConversation {
  readonly id: string;
  readonly type: 'personal' | 'channel' | 'groupChat' | undefined;
  /** The Bot Connector URL the activity came from. */
  readonly serviceUrl: string;
  /** Where a later proactive send reaches this conversation; undefined without an actor or what a send needs. */
  address(): DeliveryAddress | undefined;
  /** The channel itself rather than the thread a message was posted in (a proactive send there starts a new post). */
  channelAddress(): DeliveryAddress | undefined;
  /** The sender's UPN from the team roster (channels); the directory may list people by UPN. */
  senderUpn(): Promise<string | undefined>;
  /** The members of the conversation's team, a page at a time (channels). */
  rosterPages(): AsyncIterable<readonly TeamsMember[]>;
}

/** Who is looking at a card: their Entra object id (for authorization) and their Teams user id (MRI, for `refresh.userIds`). */
export interface Viewer {
  userId: string;
  mri: string;
}

export const viewerOf = (turn: Turn, actor: Actor): Viewer => ({ userId: actor.userId, mri: turn.sender.mri });

/** A message the bot sends in answer: a text or one adaptive card. */
export type Reply = string | AdaptiveCardJson;

/** What a card action answers with, to the person who pressed alone: a card, or a short message. */
export type CardActionAnswer = AdaptiveCardJson | string;

export type MessageHandler = (turn: Turn) => Promise<Reply | readonly Reply[]>;

/** Receives the action's data parsed with the route's schema, or undefined when it does not parse. */
export type CardActionHandler<T> = (turn: Turn, payload: T | undefined) => Promise<CardActionAnswer>;

/** Where features register. Routes are tried in registration order; the first match answers. */
export interface BotRoutes {
  /** Runs before any route; false drops the activity unanswered. */
  beforeTurn(guard: (turn: Turn) => Promise<boolean>): void;
  /** A typed command: a whole-message pattern (commands.ts). */
  command(pattern: RegExp, handler: MessageHandler): void;
  /** One Universal Action verb (cards/verbs.ts); its data is parsed with `schema` before the handler sees it. */
  cardAction<S extends z.ZodTypeAny>(verb: string, schema: S, handler: CardActionHandler<z.output<S>>): void;
  /** The bot was added to a conversation (installed). */
  installed(handler: MessageHandler): void;
  /** Any message no command matched: register it last. */
  fallback(handler: MessageHandler): void;
  /** A turn threw: what to log and the apology to send. */
  failed(handler: (turn: Turn, error: unknown) => Promise<Reply>): void;
}

/** What the HTTP edge gets back for one POST /api/messages. */
export interface BotAnswer {
  status: number;
  body?: unknown;
}

export interface Bot {
  /** Handles one activity the HTTP edge has parsed: validates the token (unless local mode) and runs the turn. */
  process(activity: Record<string, unknown>, authorization: string): Promise<BotAnswer>;
}
