import type { Case } from '../case/case';
import type { DomainEvent } from '../events';
import type { HandoverOutcome } from '../handover/handover';

/**
 * What the reporter (R1) learns about their case: the school side's process steps, and nothing of social
 * services' work. That a pupil's case is with an investigation unit, was acknowledged there or forwarded, is
 * itself information about the pupil held by social services (OSL 26 kap. 1 §, domain.md L17, L18, I7), so a
 * handover leaves the reporter's status as it was. The one exception is the feedback the law allows to a
 * professional who made a report of concern (L14), below. Messages, `mina ärenden`, the confirmation and the
 * reporter's own card view all read this file, so they cannot disagree.
 */
export const reporterStatuses = ['awaiting_consent', 'received', 'in_progress', 'closed', 'merged'] as const;
export type ReporterStatus = (typeof reporterStatuses)[number];

/** The process status a reporter sees for `c`, whatever its handover and the team's outcome. */
export function reporterStatus(c: Case): ReporterStatus {
  switch (c.state) {
    case 'awaiting_consent':
      return 'awaiting_consent';
    case 'new':
      return 'received';
    case 'assigned':
    case 'handed_over':
      return 'in_progress';
    case 'closed':
      return 'closed';
    case 'merged':
      return 'merged';
  }
}

/**
 * The new reporter status when one of `events` moved the case into it, to tell the reporters; undefined
 * when the events leave the reporter's status as it was. Only school-side steps move it: consent arriving
 * (the case reaches the team), the team taking the case (not a take-over), closing and merging. A handover,
 * its acknowledgement, a forward or the unit's outcome never do, so no message goes out when social services
 * act: even its timing would tell the reporter something.
 */
export function reporterStatusChange(c: Case, events: readonly DomainEvent[]): ReporterStatus | undefined {
  const moves = events.some((e) => {
    switch (e.type) {
      case 'ConsentRecorded':
        return !e.renewed;
      case 'CaseTaken':
        return e.previousAssigneeId === undefined;
      case 'CaseClosed':
      case 'CaseMerged':
        return true;
      default:
        return false;
    }
  });
  return moves ? reporterStatus(c) : undefined;
}

/**
 * True when `userId` is the reporter who stated on the form that they made a report of concern (with its
 * date) about this pupil. Reporters attached by a merge did not make that statement on this case.
 */
export function madeReportOfConcern(c: Case, userId: string): boolean {
  return c.kind === 'referral' && c.reporterId === userId && c.suspectedHarm && c.concernReportedOn !== undefined;
}

/**
 * The feedback social services may give a professional who made a report of concern: whether an
 * investigation was opened, not opened or is already ongoing (domain.md L14), and only once the unit has
 * recorded its initial-assessment outcome. Undefined for anyone else, and for everything else about the
 * handover. Giving it is a disclosure across authorities, audited with the ground `reporter_feedback`.
 */
export function concernFeedbackFor(c: Case, userId: string): HandoverOutcome | undefined {
  if (!madeReportOfConcern(c, userId)) return undefined;
  return c.handover?.outcome?.outcome;
}

/** The user the feedback goes to when `events` recorded the unit's outcome, if the law allows any. */
export function concernFeedbackRecipient(c: Case, events: readonly DomainEvent[]): string | undefined {
  if (!events.some((e) => e.type === 'HandoverOutcomeReported')) return undefined;
  return concernFeedbackFor(c, c.reporterId) === undefined ? undefined : c.reporterId;
}

/** Everything one reporter may see of their case's progress: the process status and the feedback, if any. */
export interface ReporterView {
  status: ReporterStatus;
  concernFeedback?: HandoverOutcome;
}

export function reporterViewOf(c: Case, userId: string): ReporterView {
  const feedback = concernFeedbackFor(c, userId);
  return { status: reporterStatus(c), ...(feedback === undefined ? {} : { concernFeedback: feedback }) };
}
