import { whatCanSee, type CaseRole, type CaseView } from '../../../../domain/access/policy';
import { consentCoveredFields } from '../../../../domain/access/visibility';
import type { Case } from '../../../../domain/case/case';
import { handoverSummaryMaxLength } from '../../../../domain/case/hand-over';
import { questionTextMaxLength } from '../../../../domain/case/question';
import type { FieldErrorCode } from '../../../../domain/errors';
import { findDistrict, findSstTeam, type Directory } from '../../../../domain/routing/directory';
import type { StockholmTime } from '../../../../app/ports/clock';
import type { CaseDelivery } from '../../../../app/ports/deliveries';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { offeredActions } from './case-actions';
import { receivedText, stockholmDate } from './case-age';
import { followUpSection } from './case-follow-up';
import { caseForm } from './case-form';
import {
  absenceSection,
  consentSection,
  factsFor,
  handoverSection,
  pupilSection,
  questionItems,
  routingLines,
  stepsSection,
} from './case-sections';
import { personName, recipientName, unitName } from './directory-names';
import { reporterProgress } from './reporter-progress';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface CaseCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** Who is looking. Undefined renders the BASE card that everyone in the conversation sees. */
  viewer?: { userId: string; roles: readonly CaseRole[] };
  /**
   * The Teams user ids (MRIs) of `refreshUserIds(case)`, in that order, as far as they are known: Teams
   * matches `refresh.userIds` against MRIs, never Entra object ids. At most 60 are used.
   */
  audienceMris: readonly string[];
  /** Other open cases of the same school with the same year group and initials (possible duplicates). */
  duplicates: readonly Case[];
  /** Deliveries of this case that did not reach their inbox; shown to coordinators only. */
  undelivered: readonly CaseDelivery[];
  /** The present instant (ISO UTC), for the case's age. */
  now: string;
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
  /** A line at the top after an action: e.g. "Someone else changed this case; here is the current card." */
  notice?: { tone: 'good' | 'warning' | 'attention'; text: string };
  /** Per-field messages for a rejected action form (ask/consent/close), with the user's values kept. */
  form?: {
    verb: string;
    values: Record<string, string>;
    errors: readonly { field: string; code: FieldErrorCode; params?: Record<string, string | number> }[];
  };
}

/** Teams shows user-specific views to at most 60 people per card (Universal Actions, "User Specific Views"). */
export const maxRefreshUsers = 60;

/**
 * Who gets their own view of the case card automatically: the routed team's assignee, coordinators and
 * members (in that order, so the cap keeps the queue owners), or the district's fallback contact when no
 * team serves the school. At most 60.
 */
export function refreshUserIds(c: Case, d: Directory): string[] {
  const team = c.routing.sstTeamId === undefined ? undefined : findSstTeam(d, c.routing.sstTeamId);
  const district = findDistrict(d, c.routing.fallbackDistrictCode ?? c.routing.schoolDistrictCode);
  const teamIds = team === undefined ? [] : [...team.coordinators, ...team.members].map((p) => p.id);
  const people = team === undefined ? (district === undefined ? [] : [district.fallbackContact.id]) : teamIds;
  const assignee = c.assigneeId !== undefined && people.includes(c.assigneeId) ? [c.assigneeId] : [];
  return [...new Set([...assignee, ...people])].slice(0, maxRefreshUsers);
}

/** The roles `refreshUserIds` draws its people from. */
const caseAudienceRoles: readonly CaseRole[] = ['sst_member', 'sst_coordinator', 'fallback_contact'];

/** The base card: what everyone in the inbox conversation may see before their own view arrives. */
const baseView: CaseView = { level: 'process', fields: ['reference', 'school', 'process_status'] };

/**
 * The case card. Without a viewer it is the base card (reference, school, urgency, state, "open"); with one,
 * every section comes from `whatCanSee(viewer.roles, case)` and every button from `offeredActions`.
 * A rejected form (`form`) is shown inline above the buttons, because Adaptive Cards cannot open an
 * Action.ShowCard from the card's data; the other forms are hidden meanwhile, so that no submit gathers
 * another form's inputs (a ShowCard's submit also sends the inputs of the card body). "Lämna över till
 * utredning" sits in its own ActionSet at the end of the body: it is a weighty step, and the card's own action
 * bar is already at the host's limit of five buttons for a coordinator or an assignee.
 */
export function caseCardView(input: CaseCardInput) {
  const { lang, directory: d, case: c, viewer } = input;
  const cat = catalogue(lang);
  const l = cat.caseCard;
  const isBase = viewer === undefined;
  const now = { at: input.now, today: input.clock.toLocal(input.now).date };
  const view = viewer === undefined ? baseView : whatCanSee(viewer.roles, c, now.today);
  const full = view.level === 'full';
  const actions = viewer === undefined || view.level === 'none' ? undefined : offeredActions(viewer, c, input.duplicates, d, now);
  const form = caseForm(input.form, actions, d.legal, lang);

  const assignee = c.assigneeId === undefined ? l.assigneeNone : (personName(d, c.assigneeId) ?? l.assigneeUnknown);
  // A reporter's own view says what their messages and `mina ärenden` say: one policy (reporter-progress.ts).
  const progress = view.level === 'process' && viewer !== undefined ? reporterProgress(c, viewer.userId, lang) : undefined;
  const state = progress?.status ?? cat.caseStates[c.state];
  const headerFacts = factsFor(view, [
    ['process_status', { title: l.state, value: state }],
    ['process_status', progress?.feedback && { title: progress.feedback.title, value: progress.feedback.text }],
    ['support_level', c.supportLevel && { title: l.supportLevel, value: cat.supportLevels[c.supportLevel] }],
    ['process_status', isBase ? undefined : { title: l.received, value: receivedText(c, input.now, lang, input.clock) }],
    ['assignee', { title: l.assignee, value: assignee }],
    ['reporter', { title: l.reporter, value: cat.reporterRoles[c.reporterRole] }],
    ['outcome', c.outcome && { title: l.outcome, value: cat.caseOutcomes[c.outcome] }],
  ]);
  const handover = handoverSection(c, view, d, lang, now.today, input.clock);
  const questions = view.fields.includes('reporter_questions') ? questionItems(c, lang, input.clock) : [];
  const hiddenQuestions = questions.length > 0 ? (c.questions ?? []).length - questions.length : 0;
  const routing = view.fields.includes('home_district') ? routingLines(c, d, lang) : [];
  const showText = view.fields.includes('reporter_text') && c.text.trim() !== '';
  const isCoordinator = viewer?.roles.includes('sst_coordinator') === true;
  const undelivered = isCoordinator ? input.undelivered.filter((x) => x.caseId === c.id && x.status !== 'delivered') : [];
  const hasAccess = view.level !== 'none';
  const title = fill(lang, l.title, { reference: c.reference, school: schoolName(c, d) });

  return {
    l: {
      ...l,
      question: fill(lang, l.question, { max: questionTextMaxLength }),
      required: cat.fieldErrors.required,
      // The consent form asks what the report form asks, in the same words.
      inputConsentGivenBy: cat.reportForm.consentGivenBy,
      inputConsentScope: cat.reportForm.consentScope,
      inputConsentRecipients: cat.reportForm.consentRecipients,
      inputConsentValidUntil: cat.reportForm.consentValidUntil,
      inputPupilAgeBand: cat.reportForm.pupilAgeBand,
      handoverSummaryInput: fill(lang, l.handoverSummaryInput, { max: handoverSummaryMaxLength }),
      handoverGroundHint: fill(lang, l.handoverGroundHint, { duty: d.legal.reportingDuty[lang] }),
    },
    limits: { question: questionTextMaxLength, handoverSummary: handoverSummaryMaxLength },
    // Shown where the card cannot be rendered: the reference, the school and the urgency, nothing else.
    fallbackText: hasAccess ? [title, ...(c.routing.urgent ? [l.urgent] : [])].join(' · ') : l.noAccess,
    caseId: c.id,
    version: c.version,
    // Only the base card (the audience's MRIs) and the own views of people in the audience (their own MRI) carry
    // refresh ids: anyone else's card names nobody, not even them.
    refreshUserIds: hasAccess && (isBase || viewer.roles.some((r) => caseAudienceRoles.includes(r))) ? input.audienceMris.slice(0, maxRefreshUsers) : [],
    isBase,
    hasAccess,
    notice: { show: input.notice !== undefined, style: input.notice?.tone ?? 'default', text: input.notice?.text ?? '' },
    header: {
      show: hasAccess,
      title,
      urgent: c.routing.urgent,
      facts: headerFacts,
    },
    pupil: pupilSection(c, view, d, lang),
    absence: absenceSection(c, view, lang),
    followUp: followUpSection(c, full && view.fields.includes('absence'), actions?.followUp === true && !form.show, lang, input.clock, input.form?.verb === 'case.follow_up' ? input.form.values['followUpOn'] : undefined),
    steps: stepsSection(c, view, lang),
    // The team's social-services side is told that the consent limits its view (T11, L19a).
    consent: consentSection(c, view, d, lang, full && consentLimits(view), input.clock),
    description: { show: showText, title: c.kind === 'consultation' ? l.sectionConsultation : l.sectionDescription, text: showText ? c.text : '' },
    routing: { show: routing.length > 0, lines: routing },
    questions: {
      show: questions.length > 0,
      items: questions,
      earlier: hiddenQuestions > 0 ? fill(lang, l.earlierQuestions, { count: hiddenQuestions }) : '',
    },
    handover: { ...handover, showLines: handover.lines.length > 0, showForwards: handover.forwards.length > 0 },
    handOverForm: {
      // Where the hand-over goes, and whether it adds the team's view to the urgent report already there.
      target: handOverTarget(c, d, lang),
      // The team's own duty to report suspected harm stays personal: a handover does not discharge it.
      duty: fill(lang, l.handoverDutyWarning, { duty: d.legal.reportingDuty[lang] }),
      urgent: form.handOver ? form.values.handoverUrgent || 'false' : String(c.suspectedHarm || c.routing.urgent || c.handover?.urgent === true),
    },
    duplicates: {
      // Other cases about what may be the same pupil: the team's business only.
      show: full && input.duplicates.length > 0,
      items: full
        ? input.duplicates.map((dup) => ({
            text: fill(lang, l.duplicate, { reference: dup.reference }),
            detail: fill(lang, l.duplicateDetail, { state: cat.caseStates[dup.state], date: formatDate(lang, stockholmDate(dup.createdAt, input.clock)) }),
            canMerge: actions?.mergeInto.includes(dup.id) === true && !form.show,
            mergeTitle: fill(lang, l.merge, { reference: dup.reference }),
            intoCaseId: dup.id,
          }))
        : [],
    },
    undelivered: {
      show: undelivered.length > 0,
      items: undelivered.map((x) => ({
        text: fill(lang, x.status === 'unreachable' ? l.unreachable : l.failed, { recipient: recipientName(d, c, x, lang) }),
        color: x.status === 'unreachable' ? 'attention' : 'warning',
      })),
    },
    form,
    actions: {
      open: isBase,
      take: actions?.take === true && !form.show,
      takeTitle: actions?.takeOver === true ? l.takeOver : l.take,
      ask: actions?.ask === true && !form.show,
      consent: actions?.consent === true && !form.show,
      withdrawConsent: actions?.withdrawConsent === true && !form.show,
      level: actions?.level !== undefined && !form.show,
      levelTarget: actions?.level ?? '',
      levelTitle: actions?.level === 'intensive' ? l.levelToIntensive : l.levelToSst,
      close: actions?.close === true && !form.show,
      handOver: actions?.handOver === true && !form.show,
      refresh: !isBase && hasAccess && !form.show,
      cancel: form.show,
    },
  };
}

/** True when a full view lacks a field only the consent lets through. */
const consentLimits = (view: CaseView): boolean =>
  Object.keys(consentCoveredFields).some((f) => !view.fields.some((x) => x === f));

/** "Överlämningen går till <unit>.", or, when an urgent report already went there at intake, that the view is added to it. */
function handOverTarget(c: Case, d: Directory, lang: Lang): string {
  const l = catalogue(lang).caseCard;
  const open = c.handover !== undefined && c.handover.state !== 'closed' ? c.handover : undefined;
  if (open !== undefined) return fill(lang, l.handOverAddsToOpen, { unit: unitName(d, open.unitId) });
  const unitId = c.routing.investigationUnitId;
  return unitId === undefined ? '' : fill(lang, l.handOverTo, { unit: unitName(d, unitId) });
}
