import { z } from 'zod';
import type { LegalGround } from '../domain/handover/handover';
import type { LegalReferences, LocalizedText } from '../domain/routing/directory';
import { localizedText } from './directory-fields';

/**
 * The legal texts shown in the UI, kept in the routing directory so that a corrected reference needs no
 * release (domain.md L11, L12). The reporting duty and the absence investigation are required; the texts for
 * each legal ground have the defaults below, which the file may replace group by group.
 *
 * What each ground means (domain.md L19), and so what its text must say:
 * - consent (a, OSL 12 kap. 2 §): the guardians (or the pupil) have waived the secrecy that protects them;
 * - reporting_duty (c, OSL 10 kap. 28 §): a duty in law to give the information overrides secrecy. On a
 *   hand-over it is the duty to report (anmälningsskyldighet); on an invitation into an open investigation it
 *   is the duty to provide information relevant to it (uppgiftsskyldighet), a different duty;
 * - own_work (d, OSL 10 kap. 2 §): disclosure necessary for the DISCLOSING authority to carry out its own
 *   activities, never "what the receiving side needs".
 * No paragraph of the Social Services Act (2025:400) is quoted: its numbering is unverified (L12).
 */
type GroundTexts = Readonly<Record<LegalGround, LocalizedText>>;

export const defaultHandoverGroundTexts: GroundTexts = {
  consent: {
    sv: 'Samtycke: vårdnadshavarna har samtyckt till att uppgifterna lämnas till utredningsenheten (OSL 12 kap. 2 §)',
    en: 'Consent: the guardians have consented to the information going to the investigation unit (OSL ch. 12 s. 2)',
  },
  reporting_duty: {
    sv: 'Anmälningsskyldigheten: oro för att eleven far illa. Skyldigheten att anmäla till socialtjänsten går före sekretessen (OSL 10 kap. 28 §)',
    en: 'The duty to report: concern that the pupil is at risk of harm. The duty to report overrides secrecy (OSL ch. 10 s. 28)',
  },
  own_work: {
    sv: 'Nödvändigt för teamets egen verksamhet: den utlämnande myndigheten behöver lämna uppgifterna för att kunna fullgöra sin verksamhet (OSL 10 kap. 2 §)',
    en: "Necessary for the team's own work: the disclosing authority needs to give the information to carry out its own activities (OSL ch. 10 s. 2)",
  },
};

export const defaultInvitationGroundTexts: GroundTexts = {
  consent: {
    sv: 'Samtycke: vårdnadshavarna har samtyckt till att teamet och utredningsenheten lämnar uppgifter till varandra (OSL 12 kap. 2 §)',
    en: 'Consent: the guardians have consented to the team and the investigation unit giving each other information (OSL ch. 12 s. 2)',
  },
  reporting_duty: {
    sv: 'Uppgiftsskyldigheten: teamet ska lämna uppgifter som kan ha betydelse för utredningen. Skyldigheten går före sekretessen (OSL 10 kap. 28 §)',
    en: 'The duty to provide information: the team must give information that may matter to the investigation. The duty overrides secrecy (OSL ch. 10 s. 28)',
  },
  own_work: {
    sv: 'Nödvändigt för utredningsenhetens egen verksamhet: enheten behöver lämna ut uppgifter om utredningen för att kunna fullgöra sin verksamhet (OSL 10 kap. 2 §)',
    en: "Necessary for the investigation unit's own work: the unit needs to disclose information about the investigation to carry out its own activities (OSL ch. 10 s. 2)",
  },
};

export const defaultInputAnswerGroundTexts: GroundTexts = {
  consent: {
    sv: 'Samtycke: vårdnadshavarna (eller eleven själv från 18 år) har samtyckt till att teamet lämnar uppgifterna till utredningsenheten (OSL 12 kap. 2 §)',
    en: 'Consent: the guardians (or the pupil from 18) have consented to the team giving the information to the investigation unit (OSL ch. 12 s. 2)',
  },
  reporting_duty: {
    sv: 'Uppgiftsskyldigheten: teamet ska lämna uppgifter som kan ha betydelse för utredningen. Skyldigheten går före sekretessen (OSL 10 kap. 28 §)',
    en: 'The duty to provide information: the team must give information that may matter to the investigation. The duty overrides secrecy (OSL ch. 10 s. 28)',
  },
  own_work: {
    sv: 'Nödvändigt för teamets egen verksamhet: den utlämnande myndigheten behöver lämna uppgifterna för att kunna fullgöra sin verksamhet (OSL 10 kap. 2 §)',
    en: "Necessary for the team's own work: the disclosing authority needs to give the information to carry out its own activities (OSL ch. 10 s. 2)",
  },
};

/** The consent ground when the pupil is 18 or over: their own consent, not the guardians' (domain.md L10). */
export const defaultAdultPupilConsentText: LocalizedText = {
  sv: 'Samtycke: eleven (18 år eller äldre) har själv samtyckt till att uppgifterna lämnas till utredningsenheten (OSL 12 kap. 2 §)',
  en: 'Consent: the pupil (18 or over) has consented to the information going to the investigation unit (OSL ch. 12 s. 2)',
};

const groundTexts = z.object({ consent: localizedText, reporting_duty: localizedText, own_work: localizedText }).strict();

export const legalSchema = z
  .object({
    reportingDuty: localizedText,
    absenceInvestigation: localizedText,
    // The team hands a case over to the unit: the choices on the hand-over form and the ground on the cards.
    handoverGrounds: groundTexts.default(defaultHandoverGroundTexts),
    // The unit invites the team's worker into an open investigation: the choices and the ground on the cards.
    invitationGrounds: groundTexts.default(defaultInvitationGroundTexts),
    // The team answers an investigator's request for input (`begär underlag`): the ground the investigator picks.
    inputAnswerGrounds: groundTexts.default(defaultInputAnswerGroundTexts),
    // The consent ground on a hand-over when the pupil is 18 or over.
    adultPupilConsent: localizedText.default(defaultAdultPupilConsentText),
  })
  .strict();

// Compile-time guard: the schema's output is the domain's LegalReferences.
const _legalMatches: z.infer<typeof legalSchema> extends LegalReferences ? true : false = true;
