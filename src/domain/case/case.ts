import type { Absence, Concern, Consent, ReporterRole, SchoolSteps, YearGroup } from '../report/report';
import type { SupportLevel } from '../report/support-level';
import type { RoutingDecision } from '../routing/route-report';

/**
 * Case states. Stored as these strings; display text comes from the UI catalogue.
 * - awaiting_consent: an SST referral without guardian consent stays with the school side (T10).
 * - new: routed to the SST inbox, nobody has taken it yet.
 * - consultation: an anonymous question to the team; it never holds pupil data.
 */
export const caseStates = ['awaiting_consent', 'new', 'assigned', 'handed_over', 'closed'] as const;
export type CaseState = (typeof caseStates)[number];

export type CaseKind = 'referral' | 'consultation';

/** Who owns a record: the school side (education committee) or a district committee (domain.md D7). */
export type OwningAuthority = { kind: 'education_committee' } | { kind: 'district_committee'; districtCode: string };

/** The person acting, as resolved from the Teams activity; roles come from the directory, not from here. */
export interface Actor {
  tenantId: string;
  userId: string;
  locale: string;
}

export interface Pupil {
  initials: string;
  yearGroup: YearGroup;
}

export interface CaseEvent {
  at: string;
  by: string;
  type: 'submitted' | 'consultation_asked';
}

export interface Case {
  id: string;
  reference: string;
  kind: CaseKind;
  state: CaseState;
  /** Optimistic-concurrency version, managed by the store. */
  version: number;
  tenantId: string;
  reporterId: string;
  reporterRole: ReporterRole;
  /** Tenant + user + form instance: a double click or a retry maps to the same case. */
  submissionKey: string;
  createdAt: string;
  schoolId: string;
  routing: RoutingDecision;
  supportLevel?: SupportLevel;
  owner: OwningAuthority;
  pupil?: Pupil;
  absence?: Absence;
  concerns: Concern[];
  steps?: SchoolSteps;
  consent?: Consent;
  suspectedHarm: boolean;
  concernReportedOn?: string;
  /** Reporter's free text (or the consultation question): sensitive, shown only inside the card. */
  text: string;
  history: CaseEvent[];
}

/** What a use case hands to the store; the store assigns reference and version atomically. */
export type NewCase = Omit<Case, 'reference' | 'version'>;

export const isUrgent = (c: Case): boolean => c.routing.urgent;
