import type { LocalDateTime } from '../calendar/local-date-time';

/**
 * Follow-up reminders (påminnelser) and escalations about a case. A reminder is data with a due instant,
 * planned from the case's current state (./planned-reminders.ts) and stored; a sweep sends what fell due.
 */
export const reminderKinds = [
  'unassigned_case',
  'unacknowledged_handover',
  'unanswered_question',
  'initial_assessment',
  'absence_investigation_notice',
  'consent_expiry',
  'term_recheck',
  'follow_up',
] as const;
export type ReminderKind = (typeof reminderKinds)[number];

/** A reminder goes to whoever should act; an escalation to the one above them (coordinator, unit manager). */
export const reminderSteps = ['reminder', 'escalation'] as const;
export type ReminderStep = (typeof reminderSteps)[number];

/**
 * pending: waiting for its due time (or being sent by a sweep that claimed it). sent: delivered, final.
 * resolved: no longer wanted (someone acted, or a later reminder of the same series superseded it), final.
 */
export const reminderStatuses = ['pending', 'sent', 'resolved'] as const;
export type ReminderStatus = (typeof reminderStatuses)[number];

/**
 * Who is reminded, as directory references: the adapter that sends resolves them to people and addresses.
 * `case_reporters` are the case's reporter and the reporters of duplicates merged into it.
 */
export type ReminderRecipient =
  | { kind: 'team_inbox'; teamId: string }
  | { kind: 'team_coordinators'; teamId: string }
  | { kind: 'fallback_contact'; districtCode: string }
  | { kind: 'unit_contacts'; unitId: string }
  | { kind: 'unit_managers'; unitId: string }
  | { kind: 'person'; userId: string }
  | { kind: 'case_reporters' }
  | { kind: 'head_teacher'; schoolId: string };

/** What a reminder is about and for whom, without its time. */
export interface ReminderSubject {
  /** `caseId:kind:step:subject`: deterministic, so re-planning the same state gives the same ids. */
  id: string;
  caseId: string;
  kind: ReminderKind;
  step: ReminderStep;
  /** What within the case it is about: a question id, a unit arrival, an occurrence; stable codes and ids only. */
  subject: string;
  recipient: ReminderRecipient;
}

/** A reminder the case's current state calls for, due at a Stockholm wall-clock time inside working hours. */
export interface PlannedReminder extends ReminderSubject {
  due: LocalDateTime;
}

/** A planned reminder with its due time as an ISO UTC instant, as handed to the store. */
export interface ReminderPlan extends ReminderSubject {
  dueAt: string;
}

/** A stored reminder. */
export interface Reminder extends ReminderPlan {
  status: ReminderStatus;
  /** How many times a sweep has claimed it (a retry after a failed send claims it again). */
  attempts: number;
  createdAt: string;
  updatedAt: string;
  sentAt?: string;
  resolvedAt?: string;
  /**
   * A recipient asked to be reminded again no earlier than this instant. Re-planning keeps it: the reminder
   * stays due at the later of its planned time and this one (./reconcile-reminders.ts).
   */
  snoozedUntil?: string;
}

/** The deterministic id of a reminder. Parts are our own codes and ids; `:` separates them. */
export const reminderId = (caseId: string, kind: ReminderKind, step: ReminderStep, subject: string): string =>
  `${caseId}:${kind}:${step}:${subject}`;
