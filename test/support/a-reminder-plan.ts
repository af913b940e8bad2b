import { reminderId, type ReminderKind, type ReminderPlan, type ReminderStep } from '../../src/domain/reminders/reminder';

/**
 * A planned reminder for a store test: the Farsta team's inbox reminded about an unassigned case. Override
 * what the test is about: `aReminderPlan('case-1', { dueAt: '2026-11-25T07:00:00.000Z' })`.
 */
export function aReminderPlan(
  caseId: string,
  overrides: Partial<Omit<ReminderPlan, 'id' | 'caseId'>> & { kind?: ReminderKind; step?: ReminderStep } = {},
): ReminderPlan {
  const kind = overrides.kind ?? 'unassigned_case';
  const step = overrides.step ?? 'reminder';
  const subject = overrides.subject ?? 'inbox';
  return {
    caseId,
    kind,
    step,
    subject,
    recipient: { kind: 'team_inbox', teamId: 'FAR-SST-1' },
    dueAt: '2026-11-25T07:00:00.000Z',
    ...overrides,
    id: reminderId(caseId, kind, step, subject),
  };
}
