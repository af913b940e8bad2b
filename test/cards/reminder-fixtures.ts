import type { Case } from '../../src/domain/case/case';
import { reminderId, type Reminder, type ReminderKind, type ReminderRecipient, type ReminderStep } from '../../src/domain/reminders/reminder';
import { people } from '../support/a-case';
import { assignedCase, handedOverCase, newCase } from './case-fixtures';
import { acknowledgedHandoverCase, inputRequestedCase, urgentIntakeCase } from './handover-fixtures';

/** A stored reminder about `c`, as the sweep hands it to the sender. */
export function aReminder(c: Case, kind: ReminderKind, step: ReminderStep, recipient: ReminderRecipient, subject = 'inbox'): Reminder {
  return {
    id: reminderId(c.id, kind, step, subject),
    caseId: c.id,
    kind,
    step,
    subject,
    recipient,
    dueAt: '2026-11-25T07:00:00.000Z',
    status: 'pending',
    attempts: 1,
    createdAt: '2026-11-23T09:00:00.000Z',
    updatedAt: '2026-11-25T07:00:00.000Z',
  };
}

export interface ReminderScenario {
  name: string;
  case: Case;
  reminder: Reminder;
  snoozed?: boolean;
  notice?: string;
}

/** Every kind and step of reminder a person can get, plus the snoozed and refused states. */
export function reminderScenarios(): ReminderScenario[] {
  const fresh = newCase();
  const fallback = newCase({ routing: { ...fresh.routing, sstTeamId: undefined, fallbackDistrictCode: 'FAR', flags: ['no_sst_team'] } });
  const pending = handedOverCase();
  const urgent = urgentIntakeCase();
  const acknowledged = acknowledgedHandoverCase();
  const asked = assignedCase();
  const requested = inputRequestedCase();
  const consent = assignedCase({ consent: { givenBy: 'guardian', scope: ['absence'], validUntil: '2027-01-15' } });
  const headTeacher = assignedCase({
    steps: { guardiansInformed: true, pupilHealthInvolved: true, investigationStartedOn: '2026-11-16', adjustmentsTried: false, other: false },
  });
  const unitId = pending.handover?.unitId ?? 'FAR-UTR';
  const unassigned = aReminder(fresh, 'unassigned_case', 'reminder', { kind: 'team_inbox', teamId: 'FAR-SST-1' });
  return [
    { name: 'unassigned case', case: fresh, reminder: unassigned },
    { name: 'unassigned case, escalation to coordinators', case: fresh, reminder: aReminder(fresh, 'unassigned_case', 'escalation', { kind: 'team_coordinators', teamId: 'FAR-SST-1' }) },
    { name: 'unassigned case, fallback contact', case: fallback, reminder: aReminder(fallback, 'unassigned_case', 'reminder', { kind: 'fallback_contact', districtCode: 'FAR' }) },
    { name: 'unacknowledged handover', case: pending, reminder: aReminder(pending, 'unacknowledged_handover', 'reminder', { kind: 'unit_contacts', unitId }, `${unitId}:0`) },
    {
      name: 'unacknowledged handover, escalation to managers',
      case: pending,
      reminder: aReminder(pending, 'unacknowledged_handover', 'escalation', { kind: 'unit_managers', unitId }, `${unitId}:0`),
    },
    { name: 'urgent handover', case: urgent, reminder: aReminder(urgent, 'unacknowledged_handover', 'reminder', { kind: 'unit_contacts', unitId }, `${unitId}:0`) },
    {
      name: 'initial assessment',
      case: acknowledged,
      reminder: aReminder(acknowledged, 'initial_assessment', 'reminder', { kind: 'person', userId: people.farInvestigator1 }, `${unitId}:0:day-7`),
    },
    { name: 'question to the reporter', case: asked, reminder: aReminder(asked, 'unanswered_question', 'reminder', { kind: 'case_reporters' }, 'q-1') },
    { name: "unit's question to the team", case: requested, reminder: aReminder(requested, 'unanswered_question', 'reminder', { kind: 'person', userId: people.farMember1 }, 'r-1') },
    {
      name: 'absence investigation notice',
      case: headTeacher,
      reminder: aReminder(headTeacher, 'absence_investigation_notice', 'reminder', { kind: 'head_teacher', schoolId: headTeacher.schoolId }, 'occurrence-1'),
    },
    { name: 'consent expiry', case: consent, reminder: aReminder(consent, 'consent_expiry', 'reminder', { kind: 'person', userId: people.farMember1 }, '2027-01-15') },
    { name: 'term re-check', case: consent, reminder: aReminder(consent, 'term_recheck', 'reminder', { kind: 'person', userId: people.farMember1 }, 'term-2027-01-11') },
    { name: 'just snoozed', case: fresh, reminder: { ...unassigned, snoozedUntil: '2026-11-26T07:00:00.000Z' }, snoozed: true },
    { name: 'snooze refused', case: fresh, reminder: unassigned, notice: 'refused' },
  ];
}
