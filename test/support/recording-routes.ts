import type { z } from 'zod';
import type {
  BotRoutes,
  CardActionAnswer,
  CardActionHandler,
  MessageHandler,
  Reply,
  Turn,
} from '../../src/adapters/teams/turn';

type Guard = (turn: Turn) => Promise<boolean>;

const isReplyList = (replies: Reply | readonly Reply[]): replies is readonly Reply[] => Array.isArray(replies);

/**
 * The bot's routes without any Teams library: a feature installed here runs on plain `Turn` values, and what
 * it answers comes back as values. Tries routes in registration order, as the teams-ai adapter does.
 */
export class RecordingRoutes implements BotRoutes {
  private readonly guards: Guard[] = [];
  private readonly commands: { pattern: RegExp; handler: MessageHandler }[] = [];
  private readonly actions = new Map<string, (turn: Turn, data: unknown) => Promise<CardActionAnswer>>();
  private fallbackHandler: MessageHandler | undefined;

  beforeTurn(guard: Guard): void {
    this.guards.push(guard);
  }

  command(pattern: RegExp, handler: MessageHandler): void {
    this.commands.push({ pattern, handler });
  }

  cardAction<S extends z.ZodTypeAny>(verb: string, schema: S, handler: CardActionHandler<z.output<S>>): void {
    this.actions.set(verb, (turn, data) => {
      const parsed = schema.safeParse(data);
      return handler(turn, parsed.success ? parsed.data : undefined);
    });
  }

  installed(): void {}

  fallback(handler: MessageHandler): void {
    this.fallbackHandler = handler;
  }

  failed(): void {}

  /** The replies to a typed message, in order; undefined when a before-turn check dropped it. */
  async message(turn: Turn): Promise<readonly Reply[] | undefined> {
    if (!(await this.admits(turn))) return undefined;
    const handler = this.commands.find((c) => c.pattern.test(turn.text))?.handler ?? this.fallbackHandler;
    if (!handler) throw new Error('RecordingRoutes: no command matched and no fallback is registered');
    const replies = await handler(turn);
    return isReplyList(replies) ? replies : [replies];
  }

  /** The answer to a card action; undefined when a before-turn check dropped it. */
  async press(verb: string, turn: Turn, data: unknown): Promise<CardActionAnswer | undefined> {
    if (!(await this.admits(turn))) return undefined;
    const action = this.actions.get(verb);
    if (!action) throw new Error(`RecordingRoutes: no card action is registered for ${verb}`);
    return action(turn, data);
  }

  private async admits(turn: Turn): Promise<boolean> {
    for (const guard of this.guards) if (!(await guard(turn))) return false;
    return true;
  }
}

let activities = 0;

/** A turn in someone's personal chat with the bot, with valid defaults (each with its own activity id). */
export function aTurn(overrides: Partial<Turn> = {}): Turn {
  activities += 1;
  return {
    actor: { tenantId: 'tenant-1', userId: 'user-1', locale: 'sv-SE' },
    lang: 'sv',
    correlationId: `activity-${activities}`,
    activityType: 'message',
    text: '',
    sender: { mri: '29:user-1', entraId: 'user-1' },
    value: undefined,
    replyToId: undefined,
    conversation: {
      id: 'a:personal-1',
      type: 'personal',
      serviceUrl: 'http://127.0.0.1:1/',
      address: () => undefined,
      channelAddress: () => undefined,
      senderUpn: async () => undefined,
      rosterPages: async function* () {
        yield* [];
      },
    },
    ...overrides,
  };
}
