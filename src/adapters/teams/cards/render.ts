import { expandCard, type AdaptiveCardJson } from './expand';
import { auditTrailView, type AuditTrailInput } from './views/audit-trail';
import { caseCardView, type CaseCardInput } from './views/case-card';
import { checkInCardView, type CheckInCardInput } from './views/check-in-card';
import { consultationConfirmationView, consultationFormView, type ConsultationConfirmationInput, type ConsultationFormInput } from './views/consultation';
import { handoverCardView, type HandoverCardInput } from './views/handover-card';
import { helpView, protectedIdentityView, welcomeView, type HelpInput } from './views/help';
import { inputRequestCardView, type InputRequestCardInput } from './views/input-request-card';
import { inputRequestFormView, type InputRequestFormInput } from './views/input-request-form';
import { myCasesView, type MyCasesInput } from './views/my-cases';
import { myHandoversView, type MyHandoversInput } from './views/my-handovers';
import { questionCardView, type QuestionCardInput } from './views/question-card';
import { reminderCardView, type ReminderCardInput } from './views/reminder-card';
import { reportConfirmationView, type ReportConfirmationInput } from './views/report-confirmation';
import { reportFormView, type ReportFormInput } from './views/report-form';
import { schoolStepsCardView, type SchoolStepsCardInput } from './views/school-steps-card';
import { statisticsCardView, type StatisticsCardInput } from './views/statistics-card';
import { statisticsFormView, type StatisticsFormInput } from './views/statistics-form';
import { teamQueueView, type TeamQueueInput } from './views/team-queue';
import type { Lang } from '../i18n/i18n';

export type { AdaptiveCardJson, CaseCardInput, CheckInCardInput, HandoverCardInput, InputRequestCardInput, MyHandoversInput, QuestionCardInput, ReminderCardInput, TeamQueueInput };

/** One render function per template: typed input → view model → expanded card. */
export const renderReportForm = (input: ReportFormInput): AdaptiveCardJson => expandCard('report-form', reportFormView(input));
export const renderReportConfirmation = (input: ReportConfirmationInput): AdaptiveCardJson =>
  expandCard('report-confirmation', reportConfirmationView(input));
export const renderConsultationForm = (input: ConsultationFormInput): AdaptiveCardJson =>
  expandCard('consultation-form', consultationFormView(input));
export const renderConsultationConfirmation = (input: ConsultationConfirmationInput): AdaptiveCardJson =>
  expandCard('consultation-confirmation', consultationConfirmationView(input));
export const renderMyCases = (input: MyCasesInput): AdaptiveCardJson => expandCard('my-cases', myCasesView(input));
export const renderHelp = (input: HelpInput): AdaptiveCardJson => expandCard('help', helpView(input));
export const renderWelcome = (input: HelpInput): AdaptiveCardJson => expandCard('welcome', welcomeView(input));
export const renderProtectedIdentity = (input: { lang: Lang }): AdaptiveCardJson =>
  expandCard('protected-identity', protectedIdentityView(input));

/** A short message card: a title and a text, for answers that show no case (no access, not found). */
export const renderNotice = (input: { title: string; text: string }): AdaptiveCardJson => expandCard('notice', input);
/** The case card: the base card everyone in the inbox sees (no viewer), or one viewer's own view of the case. */
export const renderCaseCard = (input: CaseCardInput): AdaptiveCardJson => expandCard('case-card', caseCardView(input));
/** A question from the team in the reporter's chat, with the answer field (or the answer, once sent). */
export const renderQuestionCard = (input: QuestionCardInput): AdaptiveCardJson => expandCard('question-card', questionCardView(input));
/** A follow-up check-in in the reporter's chat: the pupil's current absence figures (or the thank-you once sent). */
export const renderCheckInCard = (input: CheckInCardInput): AdaptiveCardJson => expandCard('check-in-card', checkInCardView(input));
/** A follow-up reminder or escalation: what is waiting, the action that resolves it, and a snooze (no pupil data). */
export const renderReminderCard = (input: ReminderCardInput): AdaptiveCardJson => expandCard('reminder-card', reminderCardView(input));
/** A team member's queues of open cases (`mina ärenden`), oldest first, without pupil data. */
/** The head teacher's view of a case: the school's own facts and the 7:19 a dates (domain.md R2). */
export const renderSchoolStepsCard = (input: SchoolStepsCardInput): AdaptiveCardJson => expandCard('school-steps-card', schoolStepsCardView(input));
export const renderTeamQueue = (input: TeamQueueInput): AdaptiveCardJson => expandCard('team-queue', teamQueueView(input));
/**
 * The handover card: the base card for the investigation unit's inbox (no viewer), or one viewer's own view of
 * the handover (deadlines, the team's view, the referral facts the policy allows, the unit's buttons).
 */
export const renderHandoverCard = (input: HandoverCardInput): AdaptiveCardJson => expandCard('handover-card', handoverCardView(input));
/** The unit's request for the team's input, in the team worker's chat, with the answer field (or the answer, once sent). */
export const renderInputRequestCard = (input: InputRequestCardInput): AdaptiveCardJson =>
  expandCard('input-request-card', inputRequestCardView(input));
/** An investigator's request for the team's input about a pupil in an investigation opened outside the bot. */
export const renderInputRequestForm = (input: InputRequestFormInput): AdaptiveCardJson => expandCard('input-request-form', inputRequestFormView(input));
/** An investigator's open handovers (`mina överlämningar`): urgent first, then by due date, without pupil data. */
export const renderMyHandovers = (input: MyHandoversInput): AdaptiveCardJson => expandCard('my-handovers', myHandoversView(input));

/** A case's audit trail for its coordinator or unit manager (`historik FAR-2026-0001`). */
export const renderAuditTrail = (input: AuditTrailInput): AdaptiveCardJson => expandCard('audit-trail', auditTrailView(input));

/** `statistik`: the period, and for the evaluation staff a district filter. */
export const renderStatisticsForm = (input: StatisticsFormInput): AdaptiveCardJson => expandCard('statistics-form', statisticsFormView(input));
/** The anonymous statistics: charts, each with a table of the same numbers beside it (issue #16). */
export const renderStatisticsCard = (input: StatisticsCardInput): AdaptiveCardJson => expandCard('statistics-card', statisticsCardView(input));
