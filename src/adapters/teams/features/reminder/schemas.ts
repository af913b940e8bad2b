import { z } from 'zod';

/** Payload of the reminder card's snooze button: which reminder of which case. */
export const reminderSnoozeSchema = z.object({ caseId: z.string().min(1).max(100), reminderId: z.string().min(1).max(400) });

/** Input ids the reminder card may carry, by verb (test/cards checks every button against these). */
export const reminderPayloadSchemas = {
  'reminder.snooze': reminderSnoozeSchema,
} as const;
