import type { Application, TurnState } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { AdaptiveCardJson } from './cards/render';

/** What a card action answers with: a card for the person who pressed, or a short message. */
export type CardActionAnswer = AdaptiveCardJson | string;

export type CardActionHandler = (context: TurnContext, data: unknown) => Promise<CardActionAnswer>;

// Invoke response content types of Universal Actions (Teams "Universal Actions for Adaptive Cards",
// "adaptiveCard/action invoke activity" response format).
const cardResponseType = 'application/vnd.microsoft.card.adaptive';
const messageResponseType = 'application/vnd.microsoft.activity.message';

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
export function onCardAction(app: Application<TurnState>, verb: string, handler: CardActionHandler): void {
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
