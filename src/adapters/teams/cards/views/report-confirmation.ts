import { isAdultPupil } from '../../../../domain/consent/consent-giver';
import type { Case } from '../../../../domain/case/case';
import { findDistrict, findInvestigationUnit, type Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { routedTo, schoolName } from './routing-summary';

export interface ReportConfirmationInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** The same form was submitted before: the card shows the existing case, nothing new was made. */
  duplicate: boolean;
}

/**
 * What the reporter sees after sending: the reference, where it is going (team names only), the support
 * level and what happens next. Suspected harm adds the reminder that this is not a report of concern and
 * shows the home district's official channel (domain.md F2, L8).
 */
export function reportConfirmationView(input: ReportConfirmationInput) {
  const { lang, directory, case: c } = input;
  const cat = catalogue(lang);
  const l = cat.reportConfirmation;
  const unitId = c.routing.investigationUnitId;
  const unit = unitId === undefined ? undefined : findInvestigationUnit(directory, unitId);
  const homeCode = c.routing.homeDistrictCode;
  const home = homeCode === undefined ? undefined : findDistrict(directory, homeCode);
  const otherMunicipality = c.routing.flags.includes('other_municipality');
  const facts = [
    { title: l.school, value: schoolName(c, directory) },
    // What was sent, without initials, concern categories or free text: the card stays in the Teams chat history.
    ...(c.pupil === undefined ? [] : [{ title: l.pupil, value: cat.yearGroups[c.pupil.yearGroup] }]),
    ...(c.absence === undefined
      ? []
      : [{ title: l.absence, value: fill(l.absenceValue, { total: c.absence.totalPercent, unexcused: c.absence.unexcusedPercent }) }]),
    ...(c.consent === undefined ? [] : [{ title: l.consent, value: cat.consentGivers[c.consent.givenBy] }]),
    { title: l.sentTo, value: routedTo(c, directory, lang) },
    ...(c.supportLevel === undefined ? [] : [{ title: l.supportLevel, value: cat.supportLevels[c.supportLevel] }]),
    { title: l.status, value: cat.caseStates[c.state] },
  ];
  return {
    l,
    title: input.duplicate ? l.titleDuplicate : l.title,
    duplicate: input.duplicate,
    duplicateNote: l.duplicateNote,
    reference: c.reference,
    facts,
    showUrgent: c.routing.urgent,
    urgent: {
      title: l.urgentTitle,
      text: fill(l.urgentText, { unit: unit?.name ?? l.unitOtherMunicipality }),
      channelIntro: l.channelIntro,
      channel: home && !otherMunicipality ? home.concernReportChannel[lang] : cat.report.channel.otherMunicipality,
      duty: directory.legal.reportingDuty[lang],
    },
    showOtherMunicipality: otherMunicipality,
    otherMunicipality: l.otherMunicipality,
    // An adult pupil's consent is their own, not the guardians' (domain.md L10).
    next: c.state !== 'awaiting_consent' ? l.nextNew : c.pupil !== undefined && isAdultPupil(c.pupil) ? l.nextAwaitingConsentPupil : l.nextAwaitingConsent,
  };
}
