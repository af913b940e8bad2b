import { CardFactory, MessageFactory, type Activity } from 'botbuilder';
import type { AdaptiveCardJson } from '../cards/render';

/** A message carrying one adaptive card. `summary` is what Teams shows in notifications: never pupil data. */
export function cardActivity(card: AdaptiveCardJson, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary !== undefined) activity.summary = summary;
  return activity;
}
