import { z } from 'zod';
import type { ReminderSettings } from '../domain/reminders/reminder-settings';
import { districtCode, text } from './directory-fields';

/**
 * The routing directory's settings sections: the calendar (office hours, school breaks), retention per owning
 * authority, and reminder timings with per-district overrides. Cross-checks live in ./directory.ts.
 */
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date YYYY-MM-DD');
const clockTime = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time HH:MM');
export const calendarSchema = z
  .object({
    // The years a deadline may fall in: the holiday library answers for these, and asking beyond them fails.
    years: z.object({ first: z.number().int().min(2000).max(2100), last: z.number().int().min(2000).max(2100) }).strict(),
    workingHours: z.object({ start: clockTime, end: clockTime }).strict(),
    dayBeforeHolidayEndsAt: clockTime.optional(),
    schoolYears: z.array(
      z
        .object({
          schoolYear: z.string().regex(/^\d{4}\/\d{2}$/, 'expected a school year such as 2026/27'),
          breaks: z.array(z.object({ name: text, from: isoDate, to: isoDate }).strict()),
        })
        .strict(),
    ),
  })
  .strict();

// The city's decisions about consent (domain.md T10). Whether one guardian is enough in joint custody is the
// city's call; left out, both guardians must consent.
export const consentSettingsSchema = z
  .object({ jointCustody: z.enum(['both_guardians', 'either_guardian']).default('both_guardians') })
  .strict()
  .default({});

// Days an ended case keeps the personal fields and texts of one owner's parts, per owning authority; the decision
// names the culling decision (gallringsbeslut) it follows (domain.md L27, open question 7). Up to 100 years: a typo
// must not mean "never". `district_committee` applies to every district committee not in `districts`; without
// `independent_school` the parts an independent school owns are not erased by the bot.
const retentionRuleSchema = z
  .object({
    days: z.number().int('must be a whole number of days').min(1, 'must be at least 1 day').max(36_500, 'must be at most 36500 days'),
    decision: text,
  })
  .strict();
export const retentionSchema = z
  .object({
    education_committee: retentionRuleSchema,
    district_committee: retentionRuleSchema,
    districts: z.record(districtCode, retentionRuleSchema).optional(),
    independent_school: retentionRuleSchema.optional(),
  })
  .strict();
// Reminder settings (domain/reminders/reminder-settings.ts). Every field is optional: the defaults fill what
// the file leaves out, and a district's override is laid over the city-wide settings field by field.
const days = (max: number) => z.number().int('must be a whole number of days').min(1, 'must be at least 1').max(max, `must be at most ${max}`);
const reminderSettingsShape = {
  unassigned: z.object({ remindAfterSchoolDays: days(60), escalateAfterSchoolDays: days(60) }).partial().strict(),
  handover: z
    .object({
      remindAfterWorkingDays: days(60),
      escalateAfterWorkingDays: days(60),
      urgentRemindAfterHours: z.number().min(0.25, 'must be at least 0.25 (15 minutes)').max(8, 'must be at most 8: urgent reminders stay within the same working day'),
    })
    .partial()
    .strict(),
  question: z.object({ remindReporterAfterSchoolDays: days(60), remindTeamAfterWorkingDays: days(60) }).partial().strict(),
  initialAssessment: z
    .object({
      // Before the 14-day ceiling (domain.md I3): day 14 itself is the deadline, not a warning ahead of it.
      remindOnDays: z
        .array(days(13))
        .refine((d) => d.every((x, i) => i === 0 || (d[i - 1] ?? 0) < x), 'must be in increasing order without repeats'),
    })
    .partial()
    .strict(),
  absenceInvestigationNotice: z.object({ remindAfterSchoolDays: days(60) }).partial().strict(),
  consentExpiry: z.object({ remindDaysBefore: days(180) }).partial().strict(),
  followUp: z.object({ defaultSchoolDays: days(120) }).partial().strict(),
};
const reminderOverrideSchema = z.object(reminderSettingsShape).partial().strict();
export type ReminderOverride = z.infer<typeof reminderOverrideSchema>;
export const remindersSchema = z
  .object({ defaults: reminderOverrideSchema.default({}), districts: z.record(districtCode, reminderOverrideSchema).default({}) })
  .strict()
  .default({});

export function withOverride(base: ReminderSettings, o: ReminderOverride): ReminderSettings {
  return {
    unassigned: { ...base.unassigned, ...o.unassigned },
    handover: { ...base.handover, ...o.handover },
    question: { ...base.question, ...o.question },
    initialAssessment: { ...base.initialAssessment, ...o.initialAssessment },
    absenceInvestigationNotice: { ...base.absenceInvestigationNotice, ...o.absenceInvestigationNotice },
    consentExpiry: { ...base.consentExpiry, ...o.consentExpiry },
    followUp: { ...base.followUp, ...o.followUp },
  };
}
