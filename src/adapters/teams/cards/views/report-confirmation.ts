import { isAdultPupil } from '../../../../domain/consent/consent-giver';
import type { Case } from '../../../../domain/case/case';
import type { HomeDistrictAnswer } from '../../../../domain/report/report';
import { findDistrict, findInvestigationUnit, type Directory } from '../../../../domain/routing/directory';
import { catalogue, fill, type Lang } from '../../i18n/i18n';
import { reporterProgress } from './reporter-progress';
import { concernChannelText } from './concern-channel';
import { routedTo, schoolName } from './routing-summary';

export interface ReportConfirmationInput {
  lang: Lang;
  directory: Directory;
  case: Case;
  /** The same form was submitted before: the card shows the existing case, nothing new was made. */
  duplicate: boolean;
  /**
   * Social services' intake is closed now (evening, night, weekend, holiday: domain/calendar/working-hours.ts,
   * as the handover card decides it). A report of suspected harm then shows the social emergency service.
   */
  outsideWorkingHours: boolean;
}

/**
 * What the reporter sees after sending: the reference, where it is going (team names only), the support
 * level, the reporter's process status (the one policy, reporter-progress.ts) and what happens next.
 * Suspected harm adds the reminder that this is not a report of concern and shows the home district's
 * official channel (domain.md F2, L8); out of office hours also the district's social emergency service
 * (socialjour) and 112, since the intake unit is closed (C6, I1). The case opens from here: a referral
 * awaiting consent gets its consent recorded on the reporter's own view of it.
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
      : [{ title: l.absence, value: fill(lang, l.absenceValue, { total: c.absence.totalPercent, unexcused: c.absence.unexcusedPercent }) }]),
    ...(c.consent === undefined ? [] : [{ title: l.consent, value: cat.consentGivers[c.consent.givenBy] }]),
    { title: l.sentTo, value: routedTo(c, directory, lang) },
    ...(c.supportLevel === undefined ? [] : [{ title: l.supportLevel, value: cat.supportLevels[c.supportLevel] }]),
    ...(c.supportBasis === undefined ? [] : [{ title: l.supportBasis, value: supportBasisText(c, lang) }]),
    { title: l.status, value: reporterProgress(c, c.reporterId, lang).status },
  ];
  // The home district's socialjour; with the home district unknown, the school district's (the intake that
  // takes an urgent report meanwhile); none inside Stockholm for another municipality.
  const emergencyDistrict = otherMunicipality ? undefined : findDistrict(directory, homeCode ?? c.routing.schoolDistrictCode);
  const socialEmergency = emergencyDistrict?.outOfHoursContact[lang] ?? l.outOfHoursOtherMunicipality;
  return {
    l,
    title: input.duplicate ? l.titleDuplicate : l.title,
    duplicate: input.duplicate,
    duplicateNote: l.duplicateNote,
    reference: c.reference,
    // "Öppna ärendet" answers with the reporter's own process-only view, where consent is recorded later.
    caseId: c.id,
    facts,
    showUrgent: c.routing.urgent,
    urgent: {
      title: l.urgentTitle,
      text: unit === undefined && homeUnknown ? l.urgentTextNoUnit : fill(lang, l.urgentText, { unit: unit?.name ?? l.unitOtherMunicipality }),
      channelIntro: l.channelIntro,
      channel: concernChannelText(home, c.routing.schoolDistrictCode, directory, lang),
      duty: directory.legal.reportingDuty[lang],
    },
    showOutOfHours: c.routing.urgent && input.outsideWorkingHours,
    outOfHours: {
      title: l.outOfHoursTitle,
      text: fill(lang, l.outOfHoursText, { contact: socialEmergency }),
      emergency: l.emergency,
    },
    showOtherMunicipality: otherMunicipality,
    otherMunicipality: l.otherMunicipality,
    homeUnknown: !homeUnknown ? '' : unit === undefined ? l.homeUnknown : fill(lang, l.homeUnknownToUnit, { unit: unit.name }),
    // An adult pupil's consent is their own, not the guardians' (domain.md L10).
    next: c.state !== 'awaiting_consent' ? l.nextNew : c.pupil !== undefined && isAdultPupil(c.pupil) ? l.nextAwaitingConsentPupil : l.nextAwaitingConsent,
  };
}

/** What the suggested level rests on: the absence figure, or the concern the reporter chose (not named here). */
function supportBasisText(c: Case, lang: Lang): string {
  const l = catalogue(lang).reportConfirmation;
  if (c.supportBasis === 'absence' && c.absence !== undefined) return fill(lang, l.basisAbsence, { total: c.absence.totalPercent });
  return c.absence === undefined ? l.basisConcernsNoAbsence : l.basisConcerns;
}
