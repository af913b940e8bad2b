import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, INVOKE_RESPONSE_KEY, type TurnContext } from 'botbuilder';
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
    // teams-ai makes this botbuilder's onTurnError: it is reached by an error anywhere in the turn.
    failed: (handler) =>
      app.error(async (context, error) => {
        const reply = await handler(turnOf(context), error);
        // A card action that failed before answering gets the apology as its answer (botbuilder would
        // otherwise answer Teams' invoke with HTTP 501 and the person would see a generic error).
        if (isCardAction(context) && context.turnState.get(INVOKE_RESPONSE_KEY) === undefined) await answerInvoke(context, reply);
        else await send(context, reply);
      }),
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
    await answerInvoke(context, answer);
    return answer;
  });
}

/** Answers the card action in the invoke response: a text is shown as a message, a card replaces the person's view. */
async function answerInvoke(context: TurnContext, answer: CardActionAnswer): Promise<void> {
  const body =
    typeof answer === 'string'
      ? { statusCode: 200, type: messageResponseType, value: answer }
      : { statusCode: 200, type: cardResponseType, value: answer };
  await context.sendActivity({ type: ActivityTypes.InvokeResponse, value: { status: 200, body } });
}

const isCardAction = (context: TurnContext): boolean =>
  context.activity.type === ActivityTypes.Invoke && context.activity.name === 'adaptiveCard/action';
