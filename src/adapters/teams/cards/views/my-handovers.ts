import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import type { HandoverDeadlines } from '../../../../domain/handover/deadlines';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { acknowledgeByText, assessmentDueLine, assessmentDueOf, awaitsAssessment } from './handover-sections';
import { schoolName } from './routing-summary';

export interface MyHandoversInput {
  lang: Lang;
  directory: Directory;
  /** The present instant (ISO UTC). */
  now: string;
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  /** The viewer's unit's open handovers, each with the deadlines the handler computed for it. */
  items: readonly { case: Case; deadlines?: HandoverDeadlines }[];
}

/** The list shows at most this many handovers, so that the card stays well under Teams' size limit. */
export const maxHandoversShown = 15;

/**
 * `mina överlämningar` for an investigator: reference, school, urgency, where the handover stands and what is
 * due next. Urgent handovers awaiting acknowledgement come first, then by the initial-assessment date. No pupil
 * data and no names: the card sits in a chat; "Öppna" fetches the handover card.
 */
export function myHandoversView(input: MyHandoversInput) {
  const { lang, directory: d } = input;
  const cat = catalogue(lang);
  const l = cat.myHandovers;
  const today = input.clock.toLocal(input.now).date;
  const rows = input.items.flatMap(({ case: c, deadlines }) => {
    const h = c.handover;
    if (h === undefined || h.state === 'closed') return [];
    const due = deadlines ?? assessmentDueOf(h, today);
    const ack = h.state === 'pending' ? deadlines?.acknowledgeBy : undefined;
    const next =
      ack !== undefined
        ? { text: acknowledgeByText(ack, today, lang), color: 'attention' }
        : awaitsAssessment(h)
          ? assessmentDueLine(due.initialAssessmentDue, due.initialAssessmentDaysLeft, lang)
          : undefined;
    // Urgent ones awaiting acknowledgement first (by when), then by initial-assessment date, decided ones last.
    const sortKey = ack !== undefined ? `0${ack.due.date}T${ack.due.time}` : awaitsAssessment(h) ? `1${due.initialAssessmentDue}` : '2';
    return [
      {
        sortKey: `${sortKey} ${c.reference}`,
        caseId: c.id,
        reference: c.reference,
        school: schoolName(c, d),
        urgent: h.urgent,
        status: cat.handoverStates[h.state],
        due: next?.text ?? '',
        dueColor: next?.color ?? 'default',
      },
    ];
  });
  const sorted = rows.sort((a, b) => a.sortKey.localeCompare(b.sortKey));
  const shown = sorted.slice(0, maxHandoversShown).map(({ sortKey: _sortKey, ...row }) => row);
  return {
    l: { ...l, urgent: cat.caseCard.urgent },
    hasItems: shown.length > 0,
    items: shown,
    more: sorted.length > shown.length ? fill(lang, l.more, { count: sorted.length - shown.length }) : '',
  };
}
