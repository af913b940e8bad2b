import type { CalendarDate } from '../calendar/calendar-date';
import type { OwningAuthority } from '../retention/owning-authority';
import type { Question } from '../case/question';

/**
 * A handover (överlämning) of a case from the school-social team to the investigation unit of the pupil's
 * home district (domain.md "Handover and acknowledgement"). It hangs off the case as `case.handover`: one
 * handover per case, which keeps its own forwarding history, so "where is it now" is always `unitId`.
 *
 * States: pending → acknowledged → outcome_reported → closed. Forwarding puts it back to pending at
 * another unit (`forwards` keeps the old units). The moves are the table in ./handover-lifecycle.ts.
 */
export const handoverStates = ['pending', 'acknowledged', 'outcome_reported', 'closed'] as const;
export type HandoverState = (typeof handoverStates)[number];

import type { LegalGround } from './legal-ground';

export { legalGrounds, type LegalGround } from './legal-ground';

/** The feedback social services may give after the initial assessment (domain.md L14, I3). */
export const handoverOutcomes = ['investigation_opened', 'not_opened', 'already_ongoing'] as const;
export type HandoverOutcome = (typeof handoverOutcomes)[number];

/** Why a unit forwards a handover; codes, so that nothing free-text travels with it. */
export const forwardReasons = ['pupil_lives_elsewhere', 'ongoing_case_elsewhere', 'wrong_unit', 'other'] as const;
export type ForwardReason = (typeof forwardReasons)[number];

/**
 * "Kvittera": a named person in the receiving unit took responsibility at `at` (domain.md I7). This is a
 * process step, never a decision to investigate. `recordedBy` may differ from `responsibleId` when the
 * acknowledger names a colleague of the same unit.
 */
export interface Acknowledgement {
  responsibleId: string;
  recordedBy: string;
  at: string;
  /** The district committee of the unit that acknowledged (absent on records stored before parts were tagged). */
  owner?: OwningAuthority;
}

export interface Forward {
  fromUnitId: string;
  toUnitId: string;
  reason: ForwardReason;
  by: string;
  at: string;
  /** The district committee of the unit that forwarded. */
  owner?: OwningAuthority;
}

export interface ReportedOutcome {
  outcome: HandoverOutcome;
  by: string;
  at: string;
  /** The district committee of the unit that recorded the outcome. */
  owner?: OwningAuthority;
}

/** The investigator invited the team's view into an open investigation (city doc 004, domain.md S0.3, I8). */
export interface SstInvitation {
  sstWorkerId: string;
  legalGround: LegalGround;
  by: string;
  at: string;
  /** The district committee of the inviting unit. */
  owner?: OwningAuthority;
}

/**
 * Why the 14-day initial assessment (I3) counts from `startsOn`:
 * - `report_of_concern`: suspected harm; social services received the reporter's own report of concern on the
 *   date the reporter gave (`concernReportedOn`), before or apart from this bot;
 * - `handover_arrival`: the team's handover reached the unit (`unitId`) that day;
 * - `forward_restart`: a forward reached `unitId` of another district committee, and the directory says a
 *   forward between committees restarts the clock (`initialAssessment.forwardToOtherDistrictRestarts`).
 */
export const assessmentClockBases = ['report_of_concern', 'handover_arrival', 'forward_restart'] as const;
export type AssessmentClockBasis = (typeof assessmentClockBases)[number];

export interface AssessmentClock {
  startsOn: CalendarDate;
  basis: AssessmentClockBasis;
  /** The unit at which the clock started (for `report_of_concern`: the unit the bot's urgent handover reached). */
  unitId: string;
}

export interface Handover {
  state: HandoverState;
  /** The investigation unit the handover is at now; only its contacts and managers act on it. */
  unitId: string;
  /** Suspected harm: acknowledgement is expected the same working day (domain.md I2). */
  urgent: boolean;
  /** The team's short summary for the unit: the only free text that crosses to social services. */
  summary: string;
  /**
   * Who handed over and wrote the summary: the team's district committee, or the school side for a report of
   * suspected harm handed over at intake until the team adds its summary (absent on older records).
   */
  owner?: OwningAuthority;
  legalGround: LegalGround;
  handedOverBy: string;
  handedOverAt: string;
  /** The date it arrived at the current unit (Europe/Stockholm). */
  receivedOn: CalendarDate;
  /**
   * Where the 14-day initial-assessment ceiling counts from, and why (./deadlines.ts `assessmentClockOf`).
   * Absent only on handovers stored before the clock was recorded: those count from `receivedOn`.
   */
  assessmentClock?: AssessmentClock;
  acknowledgement?: Acknowledgement;
  outcome?: ReportedOutcome;
  forwards: Forward[];
  /** The investigators' requests for the team's input; at most one is pending at a time. */
  inputRequests: Question[];
  sstInvitation?: SstInvitation;
  closedAt?: string;
}

export const isHandoverOpen = (h: Handover): boolean => h.state !== 'closed';
