import type { StockholmTime } from '../../../../app/ports/clock';
import { calendarDaysBetween, type CalendarDate } from '../../../../domain/calendar/calendar-date';
import type { Case } from '../../../../domain/case/case';
import { assessmentClockOf, initialAssessmentDeadline, type HandoverDeadlines, type UrgentAcknowledgement } from '../../../../domain/handover/deadlines';
import type { AssessmentClock, Handover } from '../../../../domain/handover/handover';
import { findDistrict, findInvestigationUnit, type Directory, type PersonRef } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { stockholmDate } from './case-age';
import { personName, unitName } from './directory-names';
import { formatDate } from '../../i18n/format-date';

/**
 * Texts about a handover that the team's case card, the unit's handover card and `mina överlämningar` share,
 * so that every card words a state, a deadline or an acknowledgement the same way. Names are staff names
 * from the directory; nothing here is pupil data.
 */

export interface Line {
  text: string;
  color: 'default' | 'good' | 'warning' | 'attention';
}

/** "2026-11-25 14:00": a Stockholm date and time, as cards show an instant. */
export function stockholmDateTime(lang: Lang, instant: string, clock: StockholmTime): string {
  const local = clock.toLocal(instant);
  return `${formatDate(lang, local.date)} ${local.time}`;
}

/** The unit's contacts then its managers, each once: the people who may act on a handover at that unit. */
export function unitPeople(d: Directory, unitId: string): PersonRef[] {
  const unit = findInvestigationUnit(d, unitId);
  const all = unit === undefined ? [] : [...unit.contacts, ...unit.managers];
  return all.filter((p, i) => all.findIndex((q) => q.id === p.id) === i);
}

/** A staff member's name, or the catalogue's "someone no longer in the directory". */
const nameOf = (d: Directory, userId: string, lang: Lang): string => personName(d, userId) ?? catalogue(lang).caseCard.assigneeUnknown;

/**
 * Where the handover stands, in one line: "Väntar på kvittens", "Vidarebefordrad till <unit>, väntar på
 * kvittens", "Kvitterad av <name> <date time>", the reported outcome, or closed. An acknowledgement is worded
 * as a process step (domain.md I7).
 */
export function handoverStateText(h: Handover, d: Directory, lang: Lang, clock: StockholmTime): string {
  const l = catalogue(lang).handover;
  switch (h.state) {
    case 'pending':
      return h.forwards.length > 0 ? fill(lang, l.stateForwarded, { unit: unitName(d, h.unitId) }) : l.statePending;
    case 'acknowledged':
      return h.acknowledgement === undefined
        ? catalogue(lang).handoverStates.acknowledged
        : fill(lang, l.stateAcknowledged, { name: nameOf(d, h.acknowledgement.responsibleId, lang), at: stockholmDateTime(lang, h.acknowledgement.at, clock) });
    case 'outcome_reported':
      return h.outcome === undefined
        ? catalogue(lang).handoverStates.outcome_reported
        : fill(lang, l.stateOutcome, { outcome: catalogue(lang).handoverOutcomes[h.outcome.outcome] });
    case 'closed':
      return l.stateClosed;
  }
}

/** True while the unit still owes the initial-assessment decision (nothing reported, not closed). */
export const awaitsAssessment = (h: Handover): boolean => h.state === 'pending' || h.state === 'acknowledged';

/** The 14-day initial-assessment line (domain.md I3): days left, the last day, or days overdue (then a warning). */
export function assessmentDueLine(due: CalendarDate, daysLeft: number, lang: Lang): Line {
  const l = catalogue(lang).handover;
  if (daysLeft < 0) return { text: fill(lang, l.assessmentOverdue, { date: formatDate(lang, due), days: -daysLeft }), color: 'attention' };
  if (daysLeft === 0) return { text: fill(lang, l.assessmentDueToday, { date: formatDate(lang, due) }), color: 'warning' };
  return { text: fill(lang, l.assessmentDue, { date: formatDate(lang, due), days: daysLeft }), color: daysLeft === 1 ? 'warning' : 'default' };
}

/** The initial-assessment deadline of `h` on `today`, computed here for cards that get no `HandoverDeadlines`. */
export function assessmentDueOf(h: Handover, today: CalendarDate): Pick<HandoverDeadlines, 'clock' | 'initialAssessmentDue' | 'initialAssessmentDaysLeft'> {
  const clock = assessmentClockOf(h);
  const due = initialAssessmentDeadline(clock.startsOn);
  return { clock, initialAssessmentDue: due, initialAssessmentDaysLeft: calendarDaysBetween(today, due) };
}

/**
 * The day the 14 days count from and why, in one sentence (I3): the report of concern reaching social
 * services, the handover reaching a unit, or a forward that restarted it at another committee's unit.
 */
export function assessmentClockText(clock: AssessmentClock, d: Directory, lang: Lang): string {
  const l = catalogue(lang).handover;
  const params = { date: formatDate(lang, clock.startsOn), unit: unitName(d, clock.unitId) };
  switch (clock.basis) {
    case 'report_of_concern':
      return fill(lang, l.clockReportOfConcern, params);
    case 'handover_arrival':
      return fill(lang, l.clockHandoverArrival, params);
    case 'forward_restart':
      return fill(lang, l.clockForwardRestart, params);
  }
}

/** "Kvittera senast i dag kl 16:00", or with the date when the deadline is on a later working day. */
export function acknowledgeByText(ack: UrgentAcknowledgement, today: CalendarDate, lang: Lang): string {
  const l = catalogue(lang).handover;
  return ack.due.date === today ? fill(lang, l.acknowledgeToday, { time: ack.due.time }) : fill(lang, l.acknowledgeBy, { date: formatDate(lang, ack.due.date), time: ack.due.time });
}

/** The social emergency service (socialjour) of the unit's district, for an urgent handover out of hours (C6). */
export function outOfHoursText(d: Directory, h: Handover, lang: Lang): string {
  const unit = findInvestigationUnit(d, h.unitId);
  const district = unit === undefined ? undefined : findDistrict(d, unit.districtCode);
  return district === undefined ? '' : fill(lang, catalogue(lang).handover.outOfHours, { contact: district.outOfHoursContact[lang] });
}

/** Who took responsibility and when, as a process step; plus who recorded it when that was someone else. */
export function acknowledgementLines(h: Handover, d: Directory, lang: Lang, clock: StockholmTime): Line[] {
  const l = catalogue(lang).handover;
  const a = h.acknowledgement;
  if (a === undefined) return [];
  const lines: Line[] = [{ text: fill(lang, l.acknowledged, { name: nameOf(d, a.responsibleId, lang), at: stockholmDateTime(lang, a.at, clock) }), color: 'good' }];
  if (a.recordedBy !== a.responsibleId) lines.push({ text: fill(lang, l.recordedBy, { name: nameOf(d, a.recordedBy, lang) }), color: 'default' });
  return lines;
}

/** The forwarding history, oldest first: date, from unit, to unit and the coded reason (never free text). */
export function forwardLines(h: Handover, d: Directory, lang: Lang, clock: StockholmTime): Line[] {
  const cat = catalogue(lang);
  return h.forwards.map((f) => ({
    text: fill(lang, cat.handover.forward, {
      date: formatDate(lang, stockholmDate(f.at, clock)),
      from: unitName(d, f.fromUnitId),
      to: unitName(d, f.toUnitId),
      reason: cat.forwardReasons[f.reason],
    }),
    color: 'default',
  }));
}

/** "<name> är inbjuden att bidra i utredningen (<ground>, <date>)", or '' before any invitation. */
export function invitationText(h: Handover, d: Directory, lang: Lang, clock: StockholmTime): string {
  const cat = catalogue(lang);
  const inv = h.sstInvitation;
  if (inv === undefined) return '';
  return fill(lang, cat.handover.invited, { name: nameOf(d, inv.sstWorkerId, lang), ground: d.legal.invitationGrounds[inv.legalGround][lang], date: formatDate(lang, stockholmDate(inv.at, clock)) });
}

export interface InputRequestItem {
  asked: string;
  text: string;
  answerTitle: string;
  answer: string;
}

/** The cards show the latest requests only, so that a long thread cannot push a card past Teams' size limit. */
export const maxInputRequestsShown = 5;

/** The unit's latest requests for the team's input, oldest first, with the team's answers; dates only. */
export function inputRequestItems(h: Handover, lang: Lang, clock: StockholmTime): { items: InputRequestItem[]; earlier: string } {
  const l = catalogue(lang).handover;
  const shown = h.inputRequests.slice(-maxInputRequestsShown);
  const hidden = h.inputRequests.length - shown.length;
  return {
    items: shown.map((q) => ({
      asked: fill(lang, l.inputAsked, { date: formatDate(lang, stockholmDate(q.askedAt, clock)) }),
      text: q.text,
      answerTitle: q.answer === undefined ? l.inputAwaiting : fill(lang, l.inputAnswered, { date: formatDate(lang, stockholmDate(q.answer.at, clock)) }),
      answer: q.answer?.text ?? '',
    })),
    earlier: hidden > 0 ? fill(lang, l.earlierRequests, { count: hidden }) : '',
  };
}

/** The unit a case's handover is at, by name; '' without a handover. */
export const handoverUnitName = (c: Case, d: Directory): string => (c.handover === undefined ? '' : unitName(d, c.handover.unitId));
