import type { Case } from '../../../../domain/case/case';
import type { HomeDistrictAnswer } from '../../../../domain/report/report';
import { findInvestigationUnit, type Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { concernChannelText } from './concern-channel';
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
  const otherMunicipality = c.routing.flags.includes('other_municipality');
  // "Don't know" was flagged, not guessed: the reporter is told so, and where to make their report meanwhile.
  const homeUnknown = c.routing.flags.includes('home_district_unknown');
  const home: HomeDistrictAnswer = otherMunicipality
    ? { kind: 'other_municipality' }
    : homeCode === undefined
      ? { kind: 'unknown' }
      : { kind: 'district', district: homeCode };
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
      text: unit === undefined && homeUnknown ? l.urgentTextNoUnit : fill(l.urgentText, { unit: unit?.name ?? l.unitOtherMunicipality }),
      channelIntro: l.channelIntro,
      channel: concernChannelText(home, c.routing.schoolDistrictCode, directory, lang),
      duty: directory.legal.reportingDuty[lang],
    },
    showOtherMunicipality: otherMunicipality,
    otherMunicipality: l.otherMunicipality,
    homeUnknown: !homeUnknown ? '' : unit === undefined ? l.homeUnknown : fill(l.homeUnknownToUnit, { unit: unit.name }),
    next: c.state === 'awaiting_consent' ? l.nextAwaitingConsent : l.nextNew,
  };
}
