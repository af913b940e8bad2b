import { catalogue, fill, type Catalogue, type Lang, type Params } from '../../i18n/i18n';

/**
 * Keys of `caseNotices`: an action's outcome (`taken`, `stale`, `notAuthorized`, …) or a rule violation by
 * its code (`question_pending`, …; every code in domain/errors.ts `ruleViolations` has one).
 */
export type CaseNoticeKey = keyof Catalogue['caseNotices'];

/** The line a handler puts at the top of the case card after an action (`CaseCardInput.notice.text`). */
export function caseNoticeText(lang: Lang, key: CaseNoticeKey, params?: Params): string {
  return fill(lang, catalogue(lang).caseNotices[key], params);
}

export type StatusMessageKey = keyof Catalogue['statusMessages'];

/** A process-status message to the reporter (`received`, `taken`, `closed`, `consentRecorded`): reference and team only. */
export function statusMessageText(lang: Lang, key: StatusMessageKey, params: Params): string {
  return fill(lang, catalogue(lang).statusMessages[key], params);
}
