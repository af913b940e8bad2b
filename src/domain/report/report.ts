/**
 * A report from school staff about a pupil, as typed values after the card payload was parsed.
 * It holds the minimum a school social worker needs to act (domain.md, "Data fields"): initials or a
 * local pseudonym and a year group, never a personal identity number or a full name.
 */
export const reporterRoles = ['teacher', 'head_teacher', 'pupil_health', 'other'] as const;
export type ReporterRole = (typeof reporterRoles)[number];

export const absencePatterns = ['specific_days', 'mornings', 'specific_lessons', 'after_breaks', 'whole_days'] as const;
export type AbsencePattern = (typeof absencePatterns)[number];

/** Concerns beyond absence: the city widens the teams' remit (domain.md S0.3). */
export const concerns = ['violence', 'crime', 'drugs', 'mental_health', 'family', 'bullying', 'other'] as const;
export type Concern = (typeof concerns)[number];

/**
 * Who gave consent to contact with the school-social team (domain.md T10, L10): `guardian` is one of two
 * guardians with joint custody (enough only where the directory says so), `sole_guardian` the only guardian,
 * `pupil` the pupil themself, only when 18 or over (see ../consent/consent-giver.ts).
 */
export const consentGivers = ['none', 'guardian', 'sole_guardian', 'both_guardians', 'pupil'] as const;
export type ConsentGiver = (typeof consentGivers)[number];

/** What the consent lets the team's social-services side see (T11); `concerns` covers every concern category. */
export const consentScopes = ['absence', 'school_steps', 'description', 'concerns'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** To whom the consent lets information go (T11): the school-social team, the district's investigation unit. */
export const consentRecipients = ['sst_team', 'investigation_unit'] as const;
export type ConsentRecipient = (typeof consentRecipients)[number];

/** The pupil's age band as the reporter states it: only an adult pupil consents themself (L10). */
export const ageBands = ['under_18', 'adult'] as const;
export type AgeBand = (typeof ageBands)[number];

/** 0 = förskoleklass, 1–9 compulsory school, 10–12 upper secondary years 1–3. */
export const yearGroups = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export type YearGroup = (typeof yearGroups)[number];

/** Where the pupil lives, as the reporter answered; a district is given by code or (legacy) name. */
/**
 * Where the pupil lives, as the reporter answered: one of the districts, another municipality, or "don't know".
 * There is no default: with school choice the school's district says nothing about the home (domain.md L9).
 */
export type HomeDistrictAnswer =
  | { kind: 'district'; district: string }
  | { kind: 'other_municipality' }
  | { kind: 'unknown' };

export interface SchoolSteps {
  guardiansInformed: boolean;
  pupilHealthInvolved: boolean;
  /** The head teacher's absence investigation, School Act 7 ch. 19 a §. */
  investigationStartedOn?: string;
  organiserNotifiedOn?: string;
  adjustmentsTried: boolean;
  other: boolean;
}

export interface Absence {
  from: string;
  to: string;
  totalPercent: number;
  unexcusedPercent: number;
  longestRunDays: number;
  patterns: AbsencePattern[];
}

/**
 * A consent as the forms give it and as the case records it (T11): who gave it, what it covers, to whom it
 * applies, until when; once recorded, when and by whom it was recorded, and, if so, when and by whom it was
 * withdrawn. A consent recorded before recipients existed has none: it is read as one for the team only.
 */
export interface Consent {
  givenBy: ConsentGiver;
  scope: ConsentScope[];
  recipients?: ConsentRecipient[];
  validUntil?: string;
  /** ISO instant and user id of whoever recorded it (the reporter at intake, or on the case card). */
  recordedAt?: string;
  recordedBy?: string;
  /** Set when the consent was withdrawn: it no longer lets anything across (../consent/consent-scope.ts). */
  withdrawnAt?: string;
  withdrawnBy?: string;
}

export interface ReportDraft {
  schoolId: string;
  reporterRole: ReporterRole;
  pupilInitials: string;
  yearGroup: YearGroup;
  /** Asked for upper-secondary pupils: whether the pupil is 18 or over (domain.md L10). */
  pupilAgeBand?: AgeBand;
  protectedIdentity: boolean;
  /** Undefined when the reporter chose nothing: the form comes back and asks (rules.ts). */
  homeDistrict?: HomeDistrictAnswer;
  /**
   * Undefined when the reporter gave no absence figures: allowed only for a report about another concern
   * (violence, crime, drugs, mental ill-health …), the widened remit of domain.md S0.3 (rules.ts).
   */
  absence?: Absence;
  concerns: Concern[];
  steps: SchoolSteps;
  consent: Consent;
  suspectedHarm: boolean;
  /** When the reporter made their own report of concern (orosanmälan); required with suspected harm. */
  concernReportedOn?: string;
  description: string;
}

/** An anonymous consultation: a question to the school-social team with no pupil fields at all. */
export interface ConsultationDraft {
  schoolId: string;
  reporterRole: ReporterRole;
  question: string;
}

export const isUpperSecondary = (y: YearGroup): boolean => y >= 10;
