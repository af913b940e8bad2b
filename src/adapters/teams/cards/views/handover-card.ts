import type { StockholmTime } from '../../../../app/ports/clock';
import { whatCanSee, type CaseRole, type CaseView } from '../../../../domain/access/policy';
import type { Case } from '../../../../domain/case/case';
import { pendingQuestion, questionTextMaxLength } from '../../../../domain/case/question';
import type { FieldErrorCode } from '../../../../domain/errors';
import type { HandoverDeadlines } from '../../../../domain/handover/deadlines';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { maxRefreshUsers, refreshUserIds } from './case-card';
import { stockholmDate } from './case-age';
import { absenceSection, consentSection, factsFor, pupilSection, stepsSection, type Fact } from './case-sections';
import { districtName, personName, unitName } from './directory-names';
import { noHandoverActions, offeredHandoverActions } from './handover-actions';
import { handoverForm } from './handover-form';
import {
  acknowledgeByText,
  acknowledgementLines,
  assessmentClockText,
  assessmentDueLine,
  assessmentDueOf,
  awaitsAssessment,
  forwardLines,
  handoverStateText,
  inputRequestItems,
  invitationText,
  outOfHoursText,
  stockholmDateTime,
  unitPeople,
  type Line,
} from './handover-sections';
import { handoverSummary } from './notification-summary';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface HandoverCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** Undefined renders the BASE card for the unit's inbox (reference, school, urgency, handover state, "Öppna"). */
  viewer?: { userId: string; roles: readonly CaseRole[] };
  /** The Teams user ids (MRIs) of `handoverRefreshUserIds(case)`, as far as known (see CaseCardInput). */
  audienceMris: readonly string[];
  /** The present instant (ISO UTC). */
  now: string;
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  /** From domain/handover/deadlines.ts `handoverDeadlines(...)`, computed by the handler; absent when there is no handover. */
  deadlines?: HandoverDeadlines;
  /** A line at the top after an action (`handoverNoticeText`). */
  notice?: { tone: 'good' | 'warning' | 'attention'; text: string };
  /** Per-field messages for a rejected action form, with the user's values kept. */
  form?: {
    verb: string;
    values: Record<string, string>;
    errors: readonly { field: string; code: FieldErrorCode; params?: Record<string, string | number> }[];
  };
}

/**
 * Who gets their own view of the handover card automatically: the contacts and managers of the unit the
 * handover is at now (contacts first, so that the cap keeps the people who acknowledge). At most 60.
 */
export function handoverRefreshUserIds(c: Case, d: Directory): string[] {
  if (c.handover === undefined) return [];
  const unit = unitPeople(d, c.handover.unitId).map((p) => p.id);
  // An investigator's input request is one card for both sides: the team (or fallback contact) that answers it too.
  const team = c.kind === 'input_request' ? refreshUserIds(c, d) : [];
  return [...new Set([...unit, ...team])].slice(0, maxRefreshUsers);
}

/** Whether someone with `roles` sees anything of the handover card; anyone else gets the plain no-access notice. */
export const seesHandover = (roles: readonly CaseRole[], c: Case): boolean => whatCanSee(roles, c).fields.includes('handover');

/** The base card shows the case's reference, school and the handover's state: no pupil data. */
const baseView: CaseView = { level: 'process', fields: ['reference', 'school', 'process_status'] };

/**
 * The handover card: the investigation unit's view of a case handed over to it. Without a viewer it is the
 * base card for the unit's inbox; with one, every section comes from `whatCanSee(viewer.roles, case)` (the
 * `handover` level for the unit: never the reporter's free text or identity) and every button from
 * `offeredHandoverActions`. Viewers whose view has no `handover` field (reporters, admins, strangers) get
 * "no access". A rejected form is shown inline, the other forms hidden meanwhile (as on the case card).
 */
export function handoverCardView(input: HandoverCardInput) {
  const { lang, directory: d, case: c, viewer } = input;
  const cat = catalogue(lang);
  const l = cat.handoverCard;
  const h = c.handover;
  const isBase = viewer === undefined;
  const today = input.clock.toLocal(input.now).date;
  const view = viewer === undefined ? baseView : whatCanSee(viewer.roles, c, today);
  const hasAccess = isBase || view.fields.includes('handover');
  // The handover as this viewer may see it in detail; undefined on the base card and without access.
  const hd = !isBase && hasAccess ? h : undefined;
  const actions = hd !== undefined && viewer !== undefined ? offeredHandoverActions(viewer, c, d, { at: input.now, today }) : noHandoverActions;
  const form = handoverForm(input.form, actions, viewer?.userId, d, lang);
  const title = fill(lang, cat.caseCard.title, { reference: c.reference, school: schoolName(c, d) });
  // An investigator's input request: no team summary, no initial assessment (the investigation is already open).
  const isInputRequest = c.kind === 'input_request';
  const ir = cat.inputRequest;

  // Deadlines run until the unit reports its initial-assessment decision (I2, I3); the handler computes them.
  const running = hd !== undefined && awaitsAssessment(hd);
  const due = hd === undefined ? undefined : (input.deadlines ?? assessmentDueOf(hd, today));
  const ack = running ? input.deadlines?.acknowledgeBy : undefined;
  const deadlineLines: Line[] = [
    ...(ack === undefined ? [] : [{ text: acknowledgeByText(ack, today, lang), color: 'attention' as const }]),
    ...(running && due !== undefined ? [assessmentDueLine(due.initialAssessmentDue, due.initialAssessmentDaysLeft, lang)] : []),
  ];
  // Where the 14 days count from and why, then that it is a ceiling.
  const clockNote = running && due !== undefined ? `${assessmentClockText(due.clock, d, lang)} ${cat.handover.assessmentNote}` : '';
  const outOfHours = ack?.outsideWorkingHours === true && hd !== undefined ? outOfHoursText(d, hd, lang) : '';

  const headerFacts: Fact[] =
    hd === undefined
      ? // The base card names no one: the plain state only.
        h === undefined || !hasAccess ? [] : [{ title: l.state, value: cat.handoverStates[h.state] }]
      : [
          // "Kvitterad" only: the acknowledgement section below says who took responsibility, as a process step.
          isInputRequest
            ? { title: l.state, value: hd.state === 'closed' ? cat.handoverStates.closed : ir.stateOpen }
            : { title: l.state, value: hd.state === 'acknowledged' ? cat.handoverStates.acknowledged : handoverStateText(hd, d, lang, input.clock) },
          isInputRequest
            ? { title: ir.requestedBy, value: fill(lang, ir.requestedByValue, { name: personName(d, hd.handedOverBy) ?? cat.caseCard.assigneeUnknown, date: formatDate(lang, stockholmDate(hd.handedOverAt, input.clock)) }) }
            : { title: l.handedOverAt, value: formatDate(lang, stockholmDate(hd.handedOverAt, input.clock)) },
          ...(hd.forwards.length > 0 ? [{ title: l.receivedOn, value: hd.receivedOn }] : []),
          isInputRequest ? { title: ir.answerGround, value: d.legal.inputAnswerGrounds[hd.legalGround][lang] } : { title: l.legalGround, value: d.legal.handoverGrounds[hd.legalGround][lang] },
          ...(isInputRequest ? [] : factsFor(view, [['assignee', { title: l.teamWorker, value: teamWorker(c, d, lang) }]])),
        ];
  const summaryShown = hd !== undefined && !isInputRequest && view.fields.includes('handover_summary');
  const summary = hd === undefined || !summaryShown ? '' : hd.summary.trim() !== '' ? hd.summary : hd.urgent ? l.summaryMissingUrgent : l.summaryMissing;
  const requests = hd !== undefined && view.fields.includes('input_requests') ? inputRequestItems(hd, lang, input.clock) : { items: [], earlier: '' };
  const acknowledgement = hd === undefined ? [] : acknowledgementLines(hd, d, lang, input.clock);
  const forwards = hd === undefined ? [] : forwardLines(hd, d, lang, input.clock);
  const invitation = hd === undefined ? '' : invitationText(hd, d, lang, input.clock);
  const outcome = isInputRequest ? undefined : hd?.outcome;
  const pending = hd === undefined ? undefined : pendingQuestion(hd.inputRequests);
  const section = <T extends { show: boolean }>(s: T): T => (hd !== undefined ? s : { ...s, show: false });
  const assignee = c.assigneeId === undefined ? cat.caseCard.assigneeNone : (personName(d, c.assigneeId) ?? cat.caseCard.assigneeUnknown);

  return {
    l: {
      ...l,
      urgent: cat.caseCard.urgent,
      required: cat.fieldErrors.required,
      formErrorSummary: cat.caseCard.formErrorSummary,
      acknowledgedNote: cat.handover.acknowledgedNote,
      inputQuestionInput: fill(lang, l.inputQuestionInput, { max: questionTextMaxLength }),
      inviteHint: fill(lang, l.inviteHint, { name: assignee }),
      baseHint: isInputRequest ? ir.baseHint : l.baseHint,
      answerInput: ir.answer,
      inputAnswerInput: fill(lang, ir.answerInput, { max: questionTextMaxLength }),
      inputAnswerHint: fill(lang, ir.answerHint, { ground: d.legal.inputAnswerGrounds[h?.legalGround ?? 'own_work'][lang] }),
      answerSubmit: ir.answerSubmit,
    },
    limits: { inputQuestion: questionTextMaxLength },
    // The team's answer to the pending request (an investigator's input request), on this card itself.
    questionId: actions.answerInput ? (pending?.id ?? '') : '',
    // Shown where the card cannot be rendered and in notifications: reference, school, urgency only.
    fallbackText: hasAccess ? handoverSummary(lang, d, c) : l.noAccess,
    caseId: c.id,
    version: c.version,
    // Only the base card (the unit's MRIs) and the unit's own views (their own MRI) carry refresh ids: anyone
    // else's card names nobody, not even them.
    refreshUserIds:
      hasAccess && (isBase || viewer.roles.some((r) => r === 'investigator' || r === 'unit_manager')) ? input.audienceMris.slice(0, maxRefreshUsers) : [],
    isBase,
    hasAccess,
    notice: { show: input.notice !== undefined, style: input.notice?.tone ?? 'default', text: input.notice?.text ?? '' },
    header: {
      show: hasAccess,
      title,
      subtitle: h === undefined ? l.noHandover : fill(lang, isInputRequest ? ir.subtitle : l.subtitle, { unit: unitName(d, h.unitId) }),
      urgent: h?.urgent === true,
      facts: headerFacts,
    },
    urgentBanner: hd !== undefined && hd.urgent && awaitsAssessment(hd),
    // "Don't know" is shown plainly to the unit, never replaced by the school's district (route-report.ts).
    homeUnknown: hd !== undefined && c.routing.flags.includes('home_district_unknown') ? fill(lang, l.homeUnknown, { district: districtName(d, c.routing.schoolDistrictCode) }) : '',
    deadlines: { show: deadlineLines.length > 0, lines: deadlineLines, outOfHours, note: clockNote },
    team: { show: summaryShown, summary },
    pupil: section(pupilSection(c, view, d, lang)),
    absence: section(absenceSection(c, view, lang)),
    steps: section(stepsSection(c, view, lang)),
    consent: section(consentSection(c, view, d, lang, false, input.clock)),
    forwards: { show: forwards.length > 0, lines: forwards },
    acknowledgement: { show: acknowledgement.length > 0, lines: acknowledgement },
    outcome: {
      show: outcome !== undefined,
      facts:
        outcome === undefined
          ? []
          : [
              { title: l.outcomeDecision, value: cat.handoverOutcomes[outcome.outcome] },
              {
                title: l.outcomeReported,
                value: fill(lang, l.outcomeReportedValue, { at: stockholmDateTime(lang, outcome.at, input.clock), name: personName(d, outcome.by) ?? cat.caseCard.assigneeUnknown }),
              },
            ],
    },
    requests: { show: requests.items.length > 0, ...requests },
    invitation: { show: invitation !== '', text: invitation },
    form,
    actions: {
      open: isBase && hasAccess,
      acknowledge: actions.acknowledge && !form.show,
      forward: actions.forward && !form.show,
      requestInput: actions.requestInput && !form.show,
      reportOutcome: actions.reportOutcome && !form.show,
      inviteSst: actions.inviteSst && !form.show,
      answerInput: actions.answerInput && pending !== undefined && !form.show,
      close: actions.close && !form.show,
      refresh: !isBase && hasAccess && !form.show,
      cancel: form.show,
    },
  };
}

const teamWorker = (c: Case, d: Directory, lang: Lang): string => {
  const l = catalogue(lang);
  return c.assigneeId === undefined ? l.handoverCard.teamWorkerNone : (personName(d, c.assigneeId) ?? l.caseCard.assigneeUnknown);
};
