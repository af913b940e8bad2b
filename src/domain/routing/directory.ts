import type { CalendarSettings } from '../calendar/calendar-rules';
import type { LegalGround } from '../handover/legal-ground';
import type { RetentionSettings } from '../retention/retention-settings';
import type { ReminderConfig } from '../reminders/reminder-settings';
/**
 * The routing directory as the domain sees it: districts, schools, school-social teams and
 * investigation units. Loaded and validated by src/config/directory.ts; frozen once built.
 */
export type SchoolForm = 'compulsory' | 'upper_secondary';
export type Organiser = 'municipal' | 'independent';

/** Text shown to users in both UI languages. */
export interface LocalizedText {
  sv: string;
  en: string;
}

/** A person by Entra ID object id (preferred) or UPN; display name only for team lists, never for pupils. */
export interface PersonRef {
  id: string;
  name: string;
}

export interface District {
  /** Our own stable code (the city has no official district codes, domain.md D5). */
  code: string;
  name: string;
  /** Names from before the 2020 and 2023 mergers, accepted on input and mapped to this district. */
  aliases: readonly string[];
  /** SST+ (intensive support) is offered here (municipal schools only, domain.md D15). */
  intensiveSupport: boolean;
  investigationUnitId: string;
  /**
   * This district's unit takes reports about pupils at its schools whose home district the reporter does not
   * know (a city decision). False: such reports go to no unit and are flagged; nothing is guessed.
   */
  takesUnknownHomeDistrict: boolean;
  /** Used when no school-social team serves a school of this district yet. */
  fallbackContact: PersonRef;
  /** Where a mandatory report of concern (orosanmälan) is made for children living here. */
  concernReportChannel: LocalizedText;
  /** Social emergency service (socialjour) for evenings, nights and weekends. */
  outOfHoursContact: LocalizedText;
}

export interface School {
  id: string;
  name: string;
  districtCode: string;
  forms: readonly SchoolForm[];
  organiser: Organiser;
  /** Absent when the district has no team for this school yet: routing falls back and flags. */
  sstTeamId?: string;
  /** The head teacher (rektor), who owns the School Act absence investigation and its notice to the organiser. */
  headTeacher?: PersonRef;
}

/**
 * The two halves of a school-social team (domain.md T4, D7): pupil-health staff of the school side (the
 * education committee, the reporter's own authority) and social-services staff of the district committee.
 * What crosses to the social-services side rests on the consent (L19a), so a person without a side is
 * treated as social services.
 */
export type TeamSide = 'school' | 'social_services';

export interface TeamMember extends PersonRef {
  side?: TeamSide;
}

export interface SstTeam {
  id: string;
  name: string;
  districtCode: string;
  members: readonly TeamMember[];
  coordinators: readonly TeamMember[];
  /**
   * Whether members also get each new case in their personal chat: `always`, or only while no channel has
   * been linked as the team's inbox (`when_no_channel`), so that nothing waits unseen.
   */
  personalDelivery: 'always' | 'when_no_channel';
}

export interface InvestigationUnit {
  id: string;
  name: string;
  districtCode: string;
  contacts: readonly PersonRef[];
  managers: readonly PersonRef[];
}

export interface SupportThresholds {
  /** Total absence (percent of offered time) from which an SST referral is suggested. */
  sstPercent: number;
  /** Absence per term from which intensive support (SST+) is suggested, where offered. */
  intensivePercent: number;
}

/** Legal references shown in the UI; configuration so that a changed paragraph needs no release. */
export interface LegalReferences {
  reportingDuty: LocalizedText;
  absenceInvestigation: LocalizedText;
  /** What each legal ground means when the team hands a case over to the unit (duty to report, L19). */
  handoverGrounds: Readonly<Record<LegalGround, LocalizedText>>;
  /** What each legal ground means when the unit invites the team into an investigation (duty to provide information). */
  invitationGrounds: Readonly<Record<LegalGround, LocalizedText>>;
  /** What each legal ground means when the team answers an investigator's request for input (the school side discloses). */
  inputAnswerGrounds: Readonly<Record<LegalGround, LocalizedText>>;
  /** The consent ground on a hand-over when the pupil is 18 or over: their own consent (L10). */
  adultPupilConsent: LocalizedText;
}

/**
 * The initial-assessment clock (domain.md I3) where the law leaves the city a choice. A forward within one
 * district committee never restarts it (that committee received the report); whether a forward to another
 * district's committee restarts it is the city's call, default no: the clock keeps running from the report.
 */
export interface InitialAssessmentSettings {
  forwardToOtherDistrictRestarts: boolean;
}

/**
 * The city's decisions about consent. `jointCustody`: whether one guardian's consent is enough when the
 * guardians have joint custody (`either_guardian`) or both must consent (`both_guardians`, the default).
 */
export interface ConsentSettings {
  jointCustody: 'both_guardians' | 'either_guardian';
}

export const defaultConsentSettings: ConsentSettings = { jointCustody: 'both_guardians' };

/**
 * The city's routine for pupils of schools that are not its own (domain.md L4): the first form (investigation
 * started) within N working days of the organiser learning of it, the result within M months. The city's to set.
 */
export interface OtherOrganiserRoutine {
  firstFormWithinWorkingDays: number;
  resultWithinMonths: number;
}

export const defaultOtherOrganiserRoutine: OtherOrganiserRoutine = Object.freeze({ firstFormWithinWorkingDays: 5, resultWithinMonths: 1 });

export interface Directory {
  version: string;
  /** The file says it is sample data (fictional people): production refuses it unless the operator allows it. */
  sample?: boolean;
  districts: readonly District[];
  schools: readonly School[];
  sstTeams: readonly SstTeam[];
  investigationUnits: readonly InvestigationUnit[];
  /** City-wide team for upper-secondary pupils (Studiesteg1-style), when there is one. */
  upperSecondaryTeamId?: string;
  thresholds: SupportThresholds;
  /** Office hours, school breaks and the years they cover; holidays come from a holiday library. */
  calendar: CalendarSettings;
  /** When reminders and escalations fall due: city-wide defaults and per-district overrides. */
  reminders: ReminderConfig;
  legal: LegalReferences;
  initialAssessment: InitialAssessmentSettings;
  /** Deadlines of the 7:19 a routine for independent schools (organiser `independent`). */
  otherOrganiserRoutine: OtherOrganiserRoutine;
  /**
   * How long each owning authority keeps a closed case's personal fields (its culling decision). Absent:
   * nothing is erased, since records may not be destroyed without a decision (domain.md L27).
   */
  retention?: RetentionSettings;
  /** Administrators (directory, channel links): an admin sees no case content (domain.md R7, L27). */
  admins?: readonly PersonRef[];
  /**
   * The city's evaluation staff: see the anonymous statistics of every district (issue #16), and nothing of
   * any case.
   */
  evaluators?: readonly PersonRef[];
  /** Absent: `defaultConsentSettings` (both guardians must consent in joint custody). */
  consent?: ConsentSettings;
}

export const findSchool = (d: Directory, id: string): School | undefined => d.schools.find((s) => s.id === id);
export const findDistrict = (d: Directory, code: string): District | undefined =>
  d.districts.find((x) => x.code === code);
export const findSstTeam = (d: Directory, id: string): SstTeam | undefined => d.sstTeams.find((t) => t.id === id);
export const findInvestigationUnit = (d: Directory, id: string): InvestigationUnit | undefined =>
  d.investigationUnits.find((u) => u.id === id);

const fold = (s: string): string => s.trim().toLocaleLowerCase('sv-SE');

/**
 * Every spelling that names a district, as written in the directory and folded, mapped to the first district in
 * file order that it names (what a scan in that order would find). Built once per districts list, which is frozen
 * with its directory: folding in Swedish is slow enough to matter when every report resolves districts.
 */
interface DistrictIndex {
  written: ReadonlyMap<string, District>;
  folded: ReadonlyMap<string, District>;
}

const districtIndexes = new WeakMap<readonly District[], DistrictIndex>();

function districtIndex(districts: readonly District[]): DistrictIndex {
  const cached = districtIndexes.get(districts);
  if (cached) return cached;
  const spellings = (x: District): string[] => [x.code, x.name, ...x.aliases];
  const folded = new Map<string, District>();
  for (const x of districts) {
    for (const key of spellings(x).map(fold)) if (!folded.has(key)) folded.set(key, x);
  }
  const written = new Map<string, District>();
  for (const key of districts.flatMap(spellings)) {
    const district = folded.get(fold(key));
    if (district) written.set(key, district);
  }
  const index = { written, folded };
  districtIndexes.set(districts, index);
  return index;
}

/** Resolves a district by code, current name or legacy name (e.g. "Rinkeby-Kista" → Järva). */
export function resolveDistrict(d: Directory, codeOrName: string): District | undefined {
  const index = districtIndex(d.districts);
  return index.written.get(codeOrName) ?? index.folded.get(fold(codeOrName));
}
