import type { Absence, AgeBand, Concern, Consent, ReporterRole, SchoolSteps, YearGroup } from '../report/report';
import type { SupportBasis, SupportLevel } from '../report/support-level';
import type { RoutingDecision } from '../routing/route-report';
import type { Handover } from '../handover/handover';
import type { OwningAuthority } from '../retention/owning-authority';
import type { CalendarDate } from '../calendar/calendar-date';
import type { Question } from './question';

/**
 * Case states. Stored as these strings; display text comes from the UI catalogue.
 * - awaiting_consent: an SST referral without guardian consent stays with the school side (T10).
 * - new: routed to the SST inbox, nobody has taken it yet.
 * - assigned: a named team member has taken it (`assigneeId`).
 * - handed_over: the team handed it over to an investigation unit (`handover`); SST work may go on.
 * - closed: finished with an `outcome`. merged: a duplicate folded into another open case (`mergedIntoId`).
 * The legal moves between them are the table in ./lifecycle.ts. A consultation (kind) uses new → assigned → closed.
 */
export const caseStates = ['awaiting_consent', 'new', 'assigned', 'handed_over', 'closed', 'merged'] as const;
export type CaseState = (typeof caseStates)[number];

/**
 * - referral: a school's request for support from the team (and possibly a report of concern).
 * - consultation: an anonymous question to the team, with no pupil.
 * - input_request: an investigator's request for the team's input into an investigation opened outside the
 *   bot (../handover/input-request.ts); owned by the district committee, its handover already at the unit.
 */
export type CaseKind = 'referral' | 'consultation' | 'input_request';

/**
 * The authority a record belongs to, the one that created it (domain.md D7, L18, L27): on the school side the
 * education committee (utbildningsnämnden) for a municipal school, or the organiser of an independent school
 * (its principal acts for it); on the social-services side the district committee (stadsdelsnämnd) whose team
 * or unit wrote it. Which part of a case belongs to whom: ../retention/case-parts.ts.
 */
export type { OwningAuthority } from '../retention/owning-authority';

/** One point of a case's attendance trend: the reporter's absence figures on a follow-up date. */
export interface AttendancePoint {
  on: CalendarDate;
  totalPercent: number;
  unexcusedPercent: number;
  /** The reporter who gave the figures (user id). */
  by: string;
}

/** One authority's parts of a case were erased at `at` (../retention/retention.ts). */
export interface Erasure {
  owner: OwningAuthority;
  at: string;
}

/** The person acting, as resolved from the Teams activity; roles come from the directory, not from here. */
export interface Actor {
  tenantId: string;
  userId: string;
  locale: string;
}

export interface Pupil {
  initials: string;
  yearGroup: YearGroup;
  /** Stated for upper-secondary pupils at intake or with a consent; absent means not known to be 18 or over. */
  ageBand?: AgeBand;
}

/** What happened to a case, as stable codes; history never holds free text. */
export const caseHistoryTypes = [
  'submitted',
  'consultation_asked',
  'input_request_opened',
  'consent_recorded',
  'consent_withdrawn',
  'taken',
  'reporter_asked',
  'reporter_answered',
  'level_changed',
  'handed_over',
  'closed',
  'merged_into',
  'duplicate_attached',
  'handover_acknowledged',
  'handover_forwarded',
  'handover_outcome_reported',
  'handover_closed',
  'input_requested',
  'input_answered',
  'sst_invited',
  'follow_up_set',
  'check_in_recorded',
  'school_steps_recorded',
] as const;
export type CaseHistoryType = (typeof caseHistoryTypes)[number];

/** One history entry: who (user id), when (ISO instant), what (a code) and, optionally, codes or ids about it. */
export interface CaseEvent {
  at: string;
  by: string;
  type: CaseHistoryType;
  /** Stable codes and ids only (`{ from: 'sst', to: 'intensive' }`), never names or free text. */
  detail?: Record<string, string>;
}

/** How the team's work on a case ended. */
export const caseOutcomes = [
  'back_in_school',
  'attendance_improved',
  'other_support',
  'handed_to_investigation',
  'pupil_moved',
  'other',
] as const;
export type CaseOutcome = (typeof caseOutcomes)[number];

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
  /** What the suggested level at intake rested on: the absence figures or the other concerns. */
  supportBasis?: SupportBasis;
  /** The school side that made the report: owns the report, its check-ins and the reporter's answers. */
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
  /** The team member who took the case (state `assigned` and later). */
  assigneeId?: string;
  /** Questions from the team to the reporter; at most one is pending (unanswered) at a time. */
  questions?: Question[];
  /** The handover to an investigation unit, with its forwarding history (./handover/handover.ts). */
  handover?: Handover;
  outcome?: CaseOutcome;
  /** The next follow-up check-in (uppföljning): set when the case is taken, moved by each check-in. */
  followUpOn?: CalendarDate;
  /** The reporter's absence figures at each check-in, oldest first; the report's own figure precedes them. */
  attendance?: AttendancePoint[];
  /** When the case ended: closed, or merged into another case. Retention periods count from here. */
  closedAt?: string;
  /** Set on a duplicate (state `merged`): the open case it was folded into. */
  mergedIntoId?: string;
  /** On the surviving case: ids of duplicates merged into it, and their reporters, who keep process-status access. */
  mergedCaseIds?: string[];
  attachedReporterIds?: string[];
  /**
   * Derived, non-personal numbers that erasure keeps so that anonymous statistics stay the same (issue #16,
   * docs/statistics.md): set when the report's figures are erased, absent before.
   */
  keptForStatistics?: { attendanceChangePoints?: number };
  /** Each owning authority whose parts were erased when its retention period ran out, in order. */
  erasures?: Erasure[];
  /**
   * Set when every owner's parts were erased (../retention/retention.ts): only references, dates and codes are
   * left, and the purge no longer lists the case.
   */
  erasedAt?: string;
}

/** What a use case hands to the store; the store assigns reference and version atomically. */
export type NewCase = Omit<Case, 'reference' | 'version'>;

export const isUrgent = (c: Case): boolean => c.routing.urgent;

/** The reporter who submitted the case plus the reporters of duplicates merged into it. */
export const reportersOf = (c: Case): string[] => [c.reporterId, ...(c.attachedReporterIds ?? [])];
