import type { StockholmTime } from '../../../../app/ports/clock';
import { visibleConcerns, type CaseField, type CaseView } from '../../../../domain/access/policy';
import type { CalendarDate } from '../../../../domain/calendar/calendar-date';
import { reportersOf, type Case } from '../../../../domain/case/case';
import { recipientsOf } from '../../../../domain/consent/consent-scope';
import type { RoutingReason } from '../../../../domain/routing/route-report';
import type { Directory } from '../../../../domain/routing/directory';
import { formatDate } from '../../i18n/format-date';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { stockholmDate } from './case-age';
import { districtName, personName, teamName, unitName } from './directory-names';
import {
  assessmentDueLine,
  assessmentDueOf,
  awaitsAssessment,
  forwardLines,
  handoverStateText,
  inputRequestItems,
  invitationText,
  type InputRequestItem,
  type Line as HandoverLine,
} from './handover-sections';

export interface Fact {
  title: string;
  value: string;
}

/** A titled FactSet; `show` is false when the viewer may see none of its facts. */
export interface FactSection {
  show: boolean;
  title: string;
  facts: Fact[];
}

export interface Line {
  text: string;
  color: 'default' | 'warning';
}

/** Only the facts whose case field the view includes: a field missing from `view.fields` never reaches the card. */
export function factsFor(view: CaseView, entries: readonly (readonly [CaseField, Fact | undefined])[]): Fact[] {
  return entries.flatMap(([field, fact]) => (fact !== undefined && view.fields.includes(field) ? [fact] : []));
}

export const section = (title: string, facts: Fact[]): FactSection => ({ show: facts.length > 0, title, facts });

/** Initials, year group, home district and the concern categories the view may show. */
export function pupilSection(c: Case, view: CaseView, d: Directory, lang: Lang): FactSection {
  const cat = catalogue(lang);
  const l = cat.caseCard;
  const home = c.routing.flags.includes('other_municipality')
    ? l.homeOtherMunicipality
    : c.routing.homeDistrictCode === undefined
      ? l.homeUnknown
      : districtName(d, c.routing.homeDistrictCode);
  const concerns = visibleConcerns(c, view).map((x) => cat.concerns[x]);
  return section(
    l.sectionPupil,
    factsFor(view, [
      ['pupil', c.pupil && { title: l.initials, value: c.pupil.initials }],
      ['pupil', c.pupil && { title: l.yearGroup, value: cat.yearGroups[c.pupil.yearGroup] }],
      ['home_district', c.kind === 'referral' ? { title: l.homeDistrict, value: home } : undefined],
      ['concerns', concerns.length > 0 ? { title: l.concerns, value: concerns.join(', ') } : undefined],
    ]),
  );
}

export function absenceSection(c: Case, view: CaseView, lang: Lang): FactSection {
  const cat = catalogue(lang);
  const l = cat.caseCard;
  const a = c.absence;
  if (a === undefined) return section(l.sectionAbsence, []);
  const percent = (value: number): string => fill(lang, l.percentValue, { value });
  return section(
    l.sectionAbsence,
    factsFor(view, [
      ['absence', { title: l.period, value: fill(lang, l.periodValue, { from: formatDate(lang, a.from), to: formatDate(lang, a.to) }) }],
      ['absence', { title: l.total, value: percent(a.totalPercent) }],
      ['absence', { title: l.unexcused, value: percent(a.unexcusedPercent) }],
      ['absence', { title: l.longestRun, value: fill(lang, l.longestRunValue, { days: a.longestRunDays }) }],
      ['absence', a.patterns.length > 0 ? { title: l.patterns, value: a.patterns.map((p) => cat.patterns[p]).join(', ') } : undefined],
    ]),
  );
}

export function stepsSection(c: Case, view: CaseView, lang: Lang): FactSection {
  const l = catalogue(lang).caseCard;
  const s = c.steps;
  if (s === undefined) return section(l.sectionSteps, []);
  const yesNo = (b: boolean): string => (b ? l.yes : l.no);
  return section(
    l.sectionSteps,
    factsFor(view, [
      ['school_steps', { title: l.guardiansInformed, value: yesNo(s.guardiansInformed) }],
      ['school_steps', { title: l.pupilHealthInvolved, value: yesNo(s.pupilHealthInvolved) }],
      ['school_steps', { title: l.investigationStartedOn, value: s.investigationStartedOn === undefined ? l.notYet : formatDate(lang, s.investigationStartedOn) }],
      ['school_steps', { title: l.organiserNotifiedOn, value: s.organiserNotifiedOn === undefined ? l.notYet : formatDate(lang, s.organiserNotifiedOn) }],
      ['school_steps', { title: l.adjustmentsTried, value: yesNo(s.adjustmentsTried) }],
      ['school_steps', s.other ? { title: l.otherSteps, value: l.yes } : undefined],
    ]),
  );
}

/**
 * Who gave the consent, what it covers, to whom, until when, who recorded it and when, and its withdrawal
 * (domain.md T11). `limited`: the viewer's own view lacks fields the consent does not cover.
 */
export function consentSection(c: Case, view: CaseView, d: Directory, lang: Lang, limited: boolean, clock: StockholmTime): FactSection & { withdrawn: string; limited: string } {
  const cat = catalogue(lang);
  const l = cat.caseCard;
  const k = c.consent;
  const none = { withdrawn: '', limited: '' };
  if (c.kind !== 'referral') return { ...section(l.sectionConsent, []), ...none };
  const given = k !== undefined && k.givenBy !== 'none';
  const who = (userId: string): string =>
    personName(d, userId) ?? (reportersOf(c).includes(userId) ? cat.trail.reporter : cat.trail.unknownPerson);
  const when = (at: string | undefined, by: string | undefined): string | undefined =>
    at === undefined ? undefined : by === undefined ? formatDate(lang, stockholmDate(at, clock)) : fill(lang, l.consentRecordedValue, { date: formatDate(lang, stockholmDate(at, clock)), name: who(by) });
  const recorded = given ? when(k.recordedAt, k.recordedBy) : undefined;
  const withdrawn = given ? when(k.withdrawnAt, k.withdrawnBy) : undefined;
  const sees = view.fields.includes('consent');
  return {
    ...section(
      l.sectionConsent,
      factsFor(view, [
        ['consent', { title: l.consentGivenBy, value: given ? cat.consentGivers[k.givenBy] : l.consentNone }],
        ['consent', given && k.scope.length > 0 ? { title: l.consentScope, value: k.scope.map((s) => cat.consentScopes[s]).join(', ') } : undefined],
        ['consent', given ? { title: l.consentRecipients, value: recipientsOf(k).map((r) => cat.consentRecipients[r]).join(', ') } : undefined],
        ['consent', given && k.validUntil !== undefined ? { title: l.consentValidUntil, value: formatDate(lang, k.validUntil) } : undefined],
        ['consent', recorded === undefined ? undefined : { title: l.consentRecorded, value: recorded }],
        ['consent', withdrawn === undefined ? undefined : { title: l.consentWithdrawn, value: withdrawn }],
      ]),
    ),
    withdrawn: sees && withdrawn !== undefined ? l.consentNotInForce : '',
    limited: sees && limited ? l.consentLimited : '',
  };
}

/** The handover as the case card shows it: facts, the team's summary, state lines, forwards and the unit's questions. */
export interface HandoverSection extends FactSection {
  summary: string;
  /** The initial-assessment deadline while it runs, and an invitation into the investigation. */
  lines: HandoverLine[];
  forwards: HandoverLine[];
  requests: { show: boolean; items: InputRequestItem[]; earlier: string; hint: string };
}

/**
 * The unit, where the handover stands ("Väntar på kvittens", "Kvitterad av <name> <time>", forwarded, the
 * outcome), when and on what ground, the 14-day initial-assessment date while it runs, the forwarding history,
 * the unit's requests for the team's input with the answers, and an invitation into the investigation. Views
 * with `handover` only; the team's summary needs `handover_summary`, the requests `input_requests`.
 */
export function handoverSection(c: Case, view: CaseView, d: Directory, lang: Lang, today: CalendarDate, clock: StockholmTime): HandoverSection {
  const cat = catalogue(lang);
  const l = cat.caseCard;
  const h = c.handover;
  const none: HandoverSection = {
    ...section(l.sectionHandover, []),
    summary: '',
    lines: [],
    forwards: [],
    requests: { show: false, items: [], earlier: '', hint: '' },
  };
  if (h === undefined || !view.fields.includes('handover')) return none;
  const facts = factsFor(view, [
    ['handover', { title: l.handoverUnit, value: unitName(d, h.unitId) }],
    ['handover', { title: l.handoverState, value: handoverStateText(h, d, lang, clock) }],
    ['handover', { title: l.handoverAt, value: formatDate(lang, stockholmDate(h.handedOverAt, clock)) }],
    ['handover', { title: l.legalGround, value: d.legal.handoverGrounds[h.legalGround][lang] }],
  ]);
  const due = assessmentDueOf(h, today);
  const invitation = invitationText(h, d, lang, clock);
  const lines: HandoverLine[] = [
    ...(awaitsAssessment(h) ? [assessmentDueLine(due.initialAssessmentDue, due.initialAssessmentDaysLeft, lang)] : []),
    ...(invitation === '' ? [] : [{ text: invitation, color: 'good' as const }]),
  ];
  const requests = view.fields.includes('input_requests') ? inputRequestItems(h, lang, clock) : { items: [], earlier: '' };
  const waiting = h.inputRequests.some((q) => q.answer === undefined);
  return {
    ...section(l.sectionHandover, facts),
    summary: view.fields.includes('handover_summary') ? h.summary : '',
    lines,
    forwards: forwardLines(h, d, lang, clock),
    requests: { show: requests.items.length > 0, ...requests, hint: waiting && view.level === 'full' ? cat.handover.inputAnswerInChat : '' },
  };
}

/** Why the case went where it went, one plain sentence per stored routing reason; flagged routes are warnings. */
export function routingLines(c: Case, d: Directory, lang: Lang): Line[] {
  const l = catalogue(lang).routingReasons;
  const line = (r: RoutingReason): Line => {
    switch (r.code) {
      case 'sst_by_school':
        return { text: fill(lang, l.sst_by_school, { team: teamName(d, r.teamId) }), color: 'default' };
      case 'upper_secondary_team':
        return { text: fill(lang, l.upper_secondary_team, { team: teamName(d, r.teamId) }), color: 'default' };
      case 'no_sst_team_fallback':
        return { text: fill(lang, l.no_sst_team_fallback, { district: districtName(d, r.districtCode) }), color: 'warning' };
      case 'investigation_by_home_district':
        return { text: fill(lang, l.investigation_by_home_district, { district: districtName(d, r.districtCode), unit: unitName(d, r.unitId) }), color: 'default' };
      case 'investigation_by_school_district': {
        // "Unknown" is a flag, never a guess: the directory sent it to the school district's unit (route-report.ts).
        const text = r.because === 'same' ? l.investigation_by_school_district_same : l.investigation_by_school_district_unknown;
        return { text: fill(lang, text, { district: districtName(d, r.districtCode), unit: unitName(d, r.unitId) }), color: r.because === 'same' ? 'default' : 'warning' };
      }
      case 'home_district_unknown':
        return { text: l.home_district_unknown, color: 'warning' };
      case 'other_municipality':
        return { text: l.other_municipality, color: 'warning' };
      case 'urgent_to_investigation':
        return { text: l.urgent_to_investigation, color: 'warning' };
    }
  };
  // An anonymous question names no pupil, so where a pupil lives says nothing about it.
  const reasons = c.kind === 'consultation' ? c.routing.reasons.filter((r) => teamReasons.includes(r.code)) : c.routing.reasons;
  return reasons.map(line);
}

const teamReasons: readonly RoutingReason['code'][] = ['sst_by_school', 'upper_secondary_team', 'no_sst_team_fallback'];

export interface QuestionItem {
  asked: string;
  text: string;
  answerTitle: string;
  answer: string;
}

/** The card shows the latest questions only, so that a long thread cannot push it past Teams' size limit. */
export const maxQuestionsShown = 5;

/** The team's latest questions to the reporter with their answers, oldest first; dates only, no names. */
export function questionItems(c: Case, lang: Lang, clock: StockholmTime): QuestionItem[] {
  const l = catalogue(lang).caseCard;
  return (c.questions ?? []).slice(-maxQuestionsShown).map((q) => ({
    asked: fill(lang, l.questionAsked, { date: formatDate(lang, stockholmDate(q.askedAt, clock)) }),
    text: q.text,
    answerTitle: q.answer === undefined ? l.awaitingAnswer : fill(lang, l.answered, { date: formatDate(lang, stockholmDate(q.answer.at, clock)) }),
    answer: q.answer?.text ?? '',
  }));
}
