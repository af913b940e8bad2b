import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { reporterProgress } from './reporter-progress';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface MyCasesInput {
  lang: Lang;
  directory: Directory;
  /** The reporter whose list this is: only they may see social services' feedback on their report of concern. */
  viewerId: string;
  cases: readonly Case[];
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
}

/**
 * A reporter's own reports: reference, school, the process status the reporter's messages also give (one
 * policy, reporter-progress.ts), the feedback on a report of concern where the law allows it, the date, and a
 * button that opens each one in the reporter's own process-only view (where a referral awaiting consent gets
 * its consent). No pupil data; nothing of social services' work beyond that feedback.
 */
export function myCasesView(input: MyCasesInput) {
  const c = catalogue(input.lang);
  return {
    l: c.myCases,
    hasCases: input.cases.length > 0,
    items: input.cases.map((x) => {
      const progress = reporterProgress(x, input.viewerId, input.lang);
      return {
        reference: x.reference,
        caseId: x.id,
        // The reference in the title tells the buttons apart, also for a screen reader.
        open: fill(input.lang, c.myCases.open, { reference: x.reference }),
        school: schoolName(x, input.directory),
        status: x.kind === 'consultation' ? c.myCases.consultation : progress.status,
        hasFeedback: progress.feedback !== undefined,
        feedback: progress.feedback === undefined ? '' : `${progress.feedback.title}: ${progress.feedback.text}`,
        submitted: fill(input.lang, c.myCases.submitted, { date: formatDate(input.lang, input.clock.toLocal(x.createdAt).date) }),
      };
    }),
  };
}
