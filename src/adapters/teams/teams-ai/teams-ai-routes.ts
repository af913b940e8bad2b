import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { z } from 'zod';
import { cardActivity } from '../delivery/card-activity';
import type { BotRoutes, CardActionAnswer, CardActionHandler, MessageHandler, Reply } from '../turn';
import { turnOf } from './turn-of';

// Invoke response content types of Universal Actions (Teams "Universal Actions for Adaptive Cards",
// "adaptiveCard/action invoke activity" response format).
const cardResponseType = 'application/vnd.microsoft.card.adaptive';
const messageResponseType = 'application/vnd.microsoft.activity.message';

/** The bot's routes on a teams-ai Application: each handler gets the turn and returns what to send. */
export function teamsAiRoutes(app: Application<TurnState>): BotRoutes {
  return {
    beforeTurn: (guard) => app.turn('beforeTurn', (context) => guard(turnOf(context))),
    command: (pattern, handler) => app.message(pattern, (context) => answer(context, handler)),
    cardAction: <S extends z.ZodTypeAny>(verb: string, schema: S, handler: CardActionHandler<z.output<S>>) =>
      onCardAction(app, verb, async (context, data) => {
        const parsed = schema.safeParse(data);
        return handler(turnOf(context), parsed.success ? parsed.data : undefined);
      }),
    installed: (handler) =>
      app.conversationUpdate('membersAdded', async (context) => {
        const botId = context.activity.recipient.id;
        if ((context.activity.membersAdded ?? []).some((m) => m.id === botId)) await answer(context, handler);
      }),
    fallback: (handler) => app.activity(ActivityTypes.Message, (context) => answer(context, handler)),
    failed: (handler) => app.error(async (context, error) => void (await send(context, await handler(turnOf(context), error)))),
  };
}

async function answer(context: TurnContext, handler: MessageHandler): Promise<void> {
  const replies: Reply | readonly Reply[] = await handler(turnOf(context));
  for (const reply of isReplyList(replies) ? replies : [replies]) await send(context, reply);
}

const isReplyList = (replies: Reply | readonly Reply[]): replies is readonly Reply[] => Array.isArray(replies);

async function send(context: TurnContext, reply: Reply): Promise<void> {
  await context.sendActivity(typeof reply === 'string' ? reply : cardActivity(reply));
}

/**
 * Registers one Universal Action verb whose answer goes back in the invoke response only: to the person
 * who pressed the button or whose card refreshed, and to nobody else. The message stored in the
 * conversation is never edited here.
 *
 * Why not return the card to teams-ai: `app.adaptiveCards.actionExecute` in teams-ai 1.x switches to
 * "replace for all" (`updateActivity(replyToId)`) whenever the returned card has a `refresh` section, and
 * keeps that switch for the verb's later turns. A person's own view (with pupil data) would then be
 * written over the channel message that everyone outside `refresh.userIds` reads. teams-ai skips its own
 * response when one was already sent in the turn (it checks botbuilder's INVOKE_RESPONSE_KEY), so sending
 * it here leaves the stored card alone. The stored card changes only through delivery, with the base card.
 */
function onCardAction(app: Application<TurnState>, verb: string, handler: (context: TurnContext, data: unknown) => Promise<CardActionAnswer>): void {
  app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
    const answer = await handler(context, data);
    const body =
      typeof answer === 'string'
        ? { statusCode: 200, type: messageResponseType, value: answer }
        : { statusCode: 200, type: cardResponseType, value: answer };
    await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
    return answer;
  });
}
