import { expandCard, type AdaptiveCardJson } from './expand';
import { consultationConfirmationView, consultationFormView, type ConsultationConfirmationInput, type ConsultationFormInput } from './views/consultation';
import { helpView, protectedIdentityView, welcomeView, type HelpInput } from './views/help';
import { myCasesView, type MyCasesInput } from './views/my-cases';
import { reportConfirmationView, type ReportConfirmationInput } from './views/report-confirmation';
import { reportFormView, type ReportFormInput } from './views/report-form';
import type { Lang } from '../i18n/i18n';

export type { AdaptiveCardJson };

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
export const renderWelcome = (input: { lang: Lang }): AdaptiveCardJson => expandCard('welcome', welcomeView(input));
export const renderProtectedIdentity = (input: { lang: Lang }): AdaptiveCardJson =>
  expandCard('protected-identity', protectedIdentityView(input));

/** A short message card: a title and a text, for answers that show no case (no access, not found). */
export const renderNotice = (input: { title: string; text: string }): AdaptiveCardJson => expandCard('notice', input);
