import type { StockholmTime } from '../../../../app/ports/clock';
import type { Case } from '../../../../domain/case/case';
import { isOpen } from '../../../../domain/case/lifecycle';
import { isAbsenceInvestigationRequired } from '../../../../domain/case/school-steps';
import { assessmentClockOf, initialAssessmentDeadline } from '../../../../domain/handover/deadlines';
import type { Reminder } from '../../../../domain/reminders/reminder';
import { reminderSettingsFor } from '../../../../domain/reminders/reminder-settings';
import type { Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { schoolName } from './routing-summary';
import { formatDate } from '../../i18n/format-date';

export interface ReminderCardInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  reminder: Reminder;
  /** The recipient just snoozed it: say when it comes again, instead of the snooze button. */
  snoozed?: boolean;
  /** A line under the text: why a snooze was refused. */
  notice?: { tone: 'good' | 'warning' | 'attention'; text: string };
  /** Reads instants as Stockholm date and time (the Clock port), for the dates the card shows. */
  clock: StockholmTime;
}

type Action = 'open_case' | 'open_handover' | 'answer_above' | 'act_on_steps';

/** What resolves each kind of reminder, and where: the unit acts on the handover, the team on the case. */
function actionOf(r: Reminder): Action {
  switch (r.kind) {
    case 'unacknowledged_handover':
    case 'initial_assessment':
      return 'open_handover';
    case 'unanswered_question':
      // The reporter's question card is already in their chat; the team's request is on the case.
      return r.recipient.kind === 'case_reporters' ? 'answer_above' : 'open_case';
    case 'absence_investigation_notice':
      return 'act_on_steps';
    case 'unassigned_case':
    case 'consent_expiry':
    case 'term_recheck':
    case 'follow_up':
      return 'open_case';
    default: {
      const unreachable: never = r.kind;
      return unreachable;
    }
  }
}

/** The push text of a reminder card: reference, school and urgency, nothing else. */
export function reminderSummary(lang: Lang, directory: Directory, c: Case): string {
  const l = catalogue(lang).notifications;
  const urgent = c.handover?.urgent ?? c.routing.urgent;
  return fill(lang, urgent ? l.reminderSummaryUrgent : l.reminderSummary, { reference: c.reference, school: schoolName(c, directory) });
}

function whatIsWaiting(lang: Lang, directory: Directory, c: Case, r: Reminder): string {
  const l = catalogue(lang).reminderCard;
  const params = { reference: c.reference, school: schoolName(c, directory) };
  switch (r.kind) {
    case 'unassigned_case': {
      const settings = reminderSettingsFor(directory.reminders, c.routing.schoolDistrictCode).unassigned;
      const days = r.step === 'escalation' ? settings.escalateAfterSchoolDays : settings.remindAfterSchoolDays;
      return fill(lang, l.unassignedCase, { ...params, days });
    }
    case 'unacknowledged_handover':
      return fill(lang, c.handover?.urgent === true ? l.urgentUnacknowledgedHandover : l.unacknowledgedHandover, params);
    case 'unanswered_question':
      return fill(lang, r.recipient.kind === 'case_reporters' ? l.questionToReporter : l.questionToTeam, params);
    case 'initial_assessment':
      return fill(lang, l.initialAssessment, { ...params, date: c.handover ? formatDate(lang, initialAssessmentDeadline(assessmentClockOf(c.handover).startsOn)) : '' });
    case 'absence_investigation_notice':
      return fill(lang, l.absenceInvestigationNotice, params);
    case 'consent_expiry':
      return fill(lang, l.consentExpiry, { ...params, date: formatDate(lang, c.consent?.validUntil ?? r.subject) });
    case 'term_recheck':
      return fill(lang, l.termRecheck, params);
    case 'follow_up':
      return fill(lang, l.followUpReview, params);
    default: {
      const unreachable: never = r.kind;
      return unreachable;
    }
  }
}

function titleOf(lang: Lang, c: Case, r: Reminder): string {
  const l = catalogue(lang).reminderCard;
  if (r.step === 'escalation' && r.recipient.kind === 'unit_managers') return fill(lang, l.escalationToManagers, { reference: c.reference });
  if (r.step === 'escalation') return fill(lang, l.escalationToCoordinators, { reference: c.reference });
  return fill(lang, l.title, { reference: c.reference });
}

/**
 * A follow-up reminder: what is waiting and the one action that resolves it. A notification, so nothing
 * about the pupil: the reference, the school and the urgency only. Escalations say so and cannot be snoozed.
 */
export function reminderCardView(input: ReminderCardInput) {
  const { lang, directory, case: c, reminder: r } = input;
  const l = catalogue(lang).reminderCard;
  const action = actionOf(r);
  const hint = action === 'answer_above' ? l.answerAbove : action === 'act_on_steps' ? l.tickOrganiserNotified : '';
  // The head teacher answers on the card itself: the two 7:19 a dates, prefilled with what the case holds.
  const stepsForm = r.kind === 'absence_investigation_notice' && isOpen(c) && isAbsenceInvestigationRequired(c) && c.steps?.organiserNotifiedOn === undefined;
  const snoozedAt = input.snoozed === true && r.snoozedUntil !== undefined ? input.clock.toLocal(r.snoozedUntil) : undefined;
  const notice = input.notice ?? (snoozedAt === undefined ? undefined : { tone: 'good' as const, text: fill(lang, l.snoozed, { date: formatDate(lang, snoozedAt.date), time: snoozedAt.time }) });
  return {
    l,
    summary: reminderSummary(lang, directory, c),
    title: titleOf(lang, c, r),
    urgent: c.handover?.urgent ?? c.routing.urgent,
    text: whatIsWaiting(lang, directory, c, r),
    hasHint: hint !== '',
    hint,
    hasNotice: notice !== undefined,
    notice: notice === undefined ? { text: '', color: 'default' } : { text: notice.text, color: notice.tone },
    openCase: action === 'open_case' || action === 'act_on_steps',
    stepsForm: {
      show: stepsForm,
      investigationStartedOn: c.steps?.investigationStartedOn ?? '',
      organiserNotifiedOn: c.steps?.organiserNotifiedOn ?? '',
      labels: { investigationStartedOn: catalogue(lang).schoolStepsCard.investigationStartedOn, organiserNotifiedOn: catalogue(lang).schoolStepsCard.organiserNotifiedOn, save: catalogue(lang).schoolStepsCard.save },
    },
    openHandover: action === 'open_handover',
    canSnooze: r.step === 'reminder' && r.status !== 'resolved' && notice === undefined,
    caseId: c.id,
    reminderId: r.id,
  };
}
