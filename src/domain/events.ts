import type { CaseKind, CaseOutcome } from './case/case';
import type { ForwardReason, HandoverOutcome, LegalGround } from './handover/handover';
import type { ConsentScope } from './report/report';
import type { SupportLevel } from './report/support-level';

/**
 * Domain events: past-tense facts the lifecycle functions (and the submitting use cases) return next to the
 * new case. Use cases hand them to the audit log and to the one dispatcher of follow-up work
 * (src/app/dispatch-case-change.ts), so they carry ids and stable codes only, never pupil data or free text.
 */
interface EventBase {
  caseId: string;
  at: string;
  by: string;
}

export type DomainEvent =
  // A new report or consultation stored (or the same form sent again: the follow-up may finish a failed send).
  | (EventBase & { type: 'CaseSubmitted'; kind: Exclude<CaseKind, 'input_request'> })
  // An investigator's input request stored as a case of its own (city doc 004); same repeat rule.
  | (EventBase & { type: 'InputRequestOpened'; unitId: string })
  | (EventBase & { type: 'ConsentRecorded'; renewed: boolean })
  | (EventBase & { type: 'ConsentWithdrawn'; scope: readonly ConsentScope[] })
  | (EventBase & { type: 'CaseTaken'; assigneeId: string; previousAssigneeId?: string })
  | (EventBase & { type: 'ReporterAsked'; questionId: string })
  | (EventBase & { type: 'ReporterAnswered'; questionId: string })
  | (EventBase & { type: 'SupportLevelChanged'; from: SupportLevel | 'none'; to: SupportLevel })
  | (EventBase & { type: 'CaseHandedOver'; unitId: string; urgent: boolean; legalGround: LegalGround })
  | (EventBase & { type: 'CaseClosed'; outcome: CaseOutcome })
  | (EventBase & { type: 'CaseMerged'; intoCaseId: string })
  | (EventBase & { type: 'FollowUpSet'; on: string })
  | (EventBase & { type: 'CheckInRecorded'; on: string })
  | (EventBase & { type: 'SchoolStepsRecorded'; investigationStartedOn: string; organiserNotifiedOn?: string })
  | (EventBase & { type: 'HandoverAcknowledged'; unitId: string; responsibleId: string })
  | (EventBase & { type: 'HandoverForwarded'; fromUnitId: string; toUnitId: string; reason: ForwardReason; urgent: boolean })
  | (EventBase & { type: 'HandoverOutcomeReported'; unitId: string; outcome: HandoverOutcome })
  | (EventBase & { type: 'HandoverClosed'; unitId: string })
  | (EventBase & { type: 'InputRequested'; unitId: string; questionId: string })
  | (EventBase & { type: 'InputGiven'; unitId: string; questionId: string })
  | (EventBase & { type: 'SstInvited'; unitId: string; sstWorkerId: string; legalGround: LegalGround });

export type DomainEventType = DomainEvent['type'];
