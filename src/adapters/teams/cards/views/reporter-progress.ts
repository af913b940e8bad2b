import { reporterViewOf } from '../../../../domain/access/policy';
import type { Case } from '../../../../domain/case/case';
import { catalogue, type Lang } from '../../i18n/i18n';

/**
 * What one reporter sees of their case's progress, in words: the process status and, for a reporter who made
 * a report of concern, social services' feedback once recorded. The same policy decides the messages the
 * reporter gets (domain/access/reporter-status.ts), so the confirmation, `mina ärenden` and the reporter's
 * view of the case card say the same.
 */
export function reporterProgress(c: Case, userId: string, lang: Lang): { status: string; feedback?: { title: string; text: string } } {
  const cat = catalogue(lang);
  const view = reporterViewOf(c, userId);
  const status = cat.reporterStatuses[view.status];
  if (view.concernFeedback === undefined) return { status };
  return { status, feedback: { title: cat.reporterFeedback.title, text: cat.reporterFeedback[view.concernFeedback] } };
}
