import { z } from 'zod';
import { reminderKinds, reminderStatuses, reminderSteps, type Reminder, type ReminderRecipient } from '../../domain/reminders/reminder';

const id = z.string().min(1);

const recipientSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('team_inbox'), teamId: id }).strict(),
  z.object({ kind: z.literal('team_coordinators'), teamId: id }).strict(),
  z.object({ kind: z.literal('fallback_contact'), districtCode: id }).strict(),
  z.object({ kind: z.literal('unit_contacts'), unitId: id }).strict(),
  z.object({ kind: z.literal('unit_managers'), unitId: id }).strict(),
  z.object({ kind: z.literal('person'), userId: id }).strict(),
  z.object({ kind: z.literal('case_reporters') }).strict(),
  z.object({ kind: z.literal('head_teacher'), schoolId: id }).strict(),
]);

/** A reminder as read back from a store; strict, like the case and delivery schemas. */
export const storedReminderSchema = z
  .object({
    id,
    caseId: id,
    kind: z.enum(reminderKinds),
    step: z.enum(reminderSteps),
    subject: z.string(),
    recipient: recipientSchema,
    dueAt: z.string(),
    status: z.enum(reminderStatuses),
    attempts: z.number().int().nonnegative(),
    createdAt: z.string(),
    updatedAt: z.string(),
    sentAt: z.string().optional(),
    resolvedAt: z.string().optional(),
    snoozedUntil: z.string().optional(),
  })
  .strict();

/** Only the fields of `Reminder`, optional ones left out rather than `undefined`, nothing shared with the caller. */
export function storedReminderOf(r: Reminder): Reminder {
  const recipient: ReminderRecipient = { ...r.recipient };
  const stored: Reminder = {
    id: r.id,
    caseId: r.caseId,
    kind: r.kind,
    step: r.step,
    subject: r.subject,
    recipient,
    dueAt: r.dueAt,
    status: r.status,
    attempts: r.attempts,
    createdAt: r.createdAt,
    updatedAt: r.updatedAt,
  };
  if (r.sentAt !== undefined) stored.sentAt = r.sentAt;
  if (r.resolvedAt !== undefined) stored.resolvedAt = r.resolvedAt;
  if (r.snoozedUntil !== undefined) stored.snoozedUntil = r.snoozedUntil;
  return stored;
}

// Compile-time guard: if Reminder changes, this schema must change with it, or tsc fails here.
type Same<A, B> = (<T>() => T extends A ? 1 : 2) extends <T>() => T extends B ? 1 : 2 ? true : false;
const _reminderSchemaMatchesReminder: Same<z.infer<typeof storedReminderSchema>, Reminder> = true;
