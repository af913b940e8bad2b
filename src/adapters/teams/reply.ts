import { CardFactory, MessageFactory, type Activity, type TurnContext } from 'botbuilder';
import { actorFrom } from './actor';
import type { AdaptiveCardJson } from './cards/render';
import { langFromLocale, type Lang } from './i18n/i18n';

/** A message carrying one adaptive card. `summary` is what Teams shows in notifications: never pupil data. */
export function cardActivity(card: AdaptiveCardJson, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary !== undefined) activity.summary = summary;
  return activity;
}

export const langOf = (context: TurnContext): Lang => langFromLocale(actorFrom(context)?.locale ?? context.activity.locale);
