import type { Case } from '../../../../domain/case/case';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { schoolName } from './routing-summary';

/**
 * What Teams shows in a push notification or the activity feed for a new case card (the activity's
 * `summary`, and the card's `fallbackText`): the reference, the school and the urgency, nothing else
 * (domain.md "Privacy and records rules").
 */
export function caseCardSummary(lang: Lang, directory: Directory, c: Case): string {
  const l = catalogue(lang).notifications;
  return fill(lang, c.routing.urgent ? l.caseCardSummaryUrgent : l.caseCardSummary, { reference: c.reference, school: schoolName(c, directory) });
}

/** The notification text of a question card in the reporter's chat: reference and school only. */
export function questionSummary(lang: Lang, directory: Directory, c: Case): string {
  return fill(lang, catalogue(lang).notifications.questionSummary, { reference: c.reference, school: schoolName(c, directory) });
}

/**
 * The push text of a handover card for the investigation unit (the activity's `summary` and the card's
 * `fallbackText`): reference, school and urgency, nothing else.
 */
export function handoverSummary(lang: Lang, directory: Directory, c: Case): string {
  const l = catalogue(lang).notifications;
  const urgent = c.handover?.urgent ?? c.routing.urgent;
  return fill(lang, urgent ? l.handoverSummaryUrgent : l.handoverSummary, { reference: c.reference, school: schoolName(c, directory) });
}

/** The push text of an input-request card in the team worker's chat: reference and school only. */
export function inputRequestSummary(lang: Lang, directory: Directory, c: Case): string {
  return fill(lang, catalogue(lang).notifications.inputRequestSummary, { reference: c.reference, school: schoolName(c, directory) });
}
