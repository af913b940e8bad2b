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

/** Who gave consent to contact with the school-social team; `pupil` only when 18 or over (domain.md L10). */
export const consentGivers = ['none', 'guardian', 'both_guardians', 'pupil'] as const;
export type ConsentGiver = (typeof consentGivers)[number];

export const consentScopes = ['absence', 'school_steps', 'description'] as const;
export type ConsentScope = (typeof consentScopes)[number];

/** 0 = förskoleklass, 1–9 compulsory school, 10–12 upper secondary years 1–3. */
export const yearGroups = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export type YearGroup = (typeof yearGroups)[number];

/** Where the pupil lives, as the reporter answered; a district is given by code or (legacy) name. */
export type HomeDistrictAnswer =
  | { kind: 'same' }
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

export interface Consent {
  givenBy: ConsentGiver;
  scope: ConsentScope[];
  validUntil?: string;
}

export interface ReportDraft {
  schoolId: string;
  reporterRole: ReporterRole;
  pupilInitials: string;
  yearGroup: YearGroup;
  protectedIdentity: boolean;
  homeDistrict: HomeDistrictAnswer;
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
