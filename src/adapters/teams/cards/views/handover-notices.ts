import type { RuleViolation } from '../../../../domain/errors';
import { catalogue, fill, type Catalogue, type Lang, type Params } from '../../i18n/i18n';

/** Keys of `handoverNotices`: an action's outcome on the handover card (`acknowledged`, `stale`, `fixForm`, …). */
export type HandoverNoticeKey = keyof Catalogue['handoverNotices'];

const isHandoverNoticeKey = (lang: Lang, key: string): key is HandoverNoticeKey => Object.hasOwn(catalogue(lang).handoverNotices, key);

/**
 * The line a handler puts at the top of the handover card after an action (`HandoverCardInput.notice.text`):
 * a `handoverNotices` key, or a rule violation by its code (those texts live in `caseNotices`, one per code
 * in domain/errors.ts, shared with the case card).
 */
export function handoverNoticeText(lang: Lang, key: HandoverNoticeKey | RuleViolation, params?: Params): string {
  const text = isHandoverNoticeKey(lang, key) ? catalogue(lang).handoverNotices[key] : catalogue(lang).caseNotices[key];
  return fill(lang, text, params);
}
