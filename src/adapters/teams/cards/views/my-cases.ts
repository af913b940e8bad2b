import type { Case } from '../../../../domain/case/case';
import type { Directory } from '../../../../domain/routing/directory';
import { toStockholmLocal } from '../../../clock/system-clock';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { schoolName } from './routing-summary';

export interface MyCasesInput {
  lang: Lang;
  directory: Directory;
  cases: readonly Case[];
}

/**
 * A reporter's own reports: reference, school, process status and date, and a button that opens each one
 * in the reporter's own process-only view (where a referral awaiting consent gets its consent). No pupil
 * data, no social-services content.
 */
export function myCasesView(input: MyCasesInput) {
  const c = catalogue(input.lang);
  return {
    l: c.myCases,
    hasCases: input.cases.length > 0,
    items: input.cases.map((x) => ({
      reference: x.reference,
      caseId: x.id,
      // The reference in the title tells the buttons apart, also for a screen reader.
      open: fill(c.myCases.open, { reference: x.reference }),
      school: schoolName(x, input.directory),
      status: x.kind === 'consultation' ? c.myCases.consultation : c.caseStates[x.state],
      submitted: fill(c.myCases.submitted, { date: toStockholmLocal(x.createdAt).date }),
    })),
  };
}
