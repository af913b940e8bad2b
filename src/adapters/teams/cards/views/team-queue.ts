import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { isOpen } from '../../../../domain/case/lifecycle';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { ageText } from './case-age';
import { districtName, personName } from './directory-names';
import { schoolName } from './routing-summary';

export interface TeamQueueInput {
  lang: Lang;
  directory: Directory;
  /** The present instant (ISO UTC), for each case's age. */
  now: string;
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  /** One queue per team the viewer works in, or per district they are the fallback contact of. */
  queues: readonly { title: string; cases: readonly Case[] }[];
}

/** A queue lists at most this many cases, so that the card stays well under Teams' size limit. */
export const maxCasesPerQueue = 15;

/** The title of a district fallback contact's queue, e.g. "Stadsdelens kontaktperson, Norra innerstaden". */
export const fallbackQueueTitle = (lang: Lang, directory: Directory, districtCode: string): string =>
  fill(lang, catalogue(lang).teamQueue.fallbackQueue, { district: districtName(directory, districtCode) });

/**
 * `mina ärenden` for a team member: each queue's open cases, oldest first, with reference, school, state,
 * urgency, age and who has taken it. No pupil data: the card sits in a chat; "open" fetches the case card.
 */
export function teamQueueView(input: TeamQueueInput) {
  const { lang, directory: d } = input;
  const cat = catalogue(lang);
  const l = cat.teamQueue;
  return {
    l: { ...l, urgent: cat.caseCard.urgent },
    hasQueues: input.queues.length > 0,
    queues: input.queues.map((q) => {
      const open = q.cases.filter(isOpen).sort((a, b) => a.createdAt.localeCompare(b.createdAt));
      const shown = open.slice(0, maxCasesPerQueue);
      return {
        title: q.title,
        empty: open.length === 0,
        more: open.length > shown.length ? fill(lang, l.more, { count: open.length - shown.length }) : '',
        cases: shown.map((c) => ({
          caseId: c.id,
          // An investigator's request for input is answered on its handover card, which this button opens.
          answersOnHandover: c.kind === 'input_request',
          reference: c.reference,
          school: schoolName(c, d),
          urgent: c.routing.urgent,
          status: [
            cat.caseStates[c.state],
            ageText(c, input.now, lang, input.clock),
            c.assigneeId === undefined ? l.notTaken : fill(lang, l.takenBy, { name: personName(d, c.assigneeId) ?? cat.caseCard.assigneeUnknown }),
          ].join(' · '),
        })),
      };
    }),
  };
}
