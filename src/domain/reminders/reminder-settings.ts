/**
 * How long the bot waits before reminding and escalating, per district (routing directory `reminders`).
 * None of these is statutory except the 14-day initial-assessment ceiling they count towards (domain.md I3);
 * they are the city's to set (A3).
 */
export interface ReminderSettings {
  /** A new case nobody has taken: the team's inbox, then its coordinators; counted in school days. */
  unassigned: { remindAfterSchoolDays: number; escalateAfterSchoolDays: number };
  /**
   * A handover nobody has acknowledged: the unit's contacts, then its managers, in working days. An urgent
   * one reminds the contacts after a few hours and escalates at the end of the same working day (I2).
   */
  handover: { remindAfterWorkingDays: number; escalateAfterWorkingDays: number; urgentRemindAfterHours: number };
  /** An unanswered question: to the reporter in school days, to the team (an investigator's request) in working days. */
  question: { remindReporterAfterSchoolDays: number; remindTeamAfterWorkingDays: number };
  /** Calendar days after receipt on which the responsible investigator is reminded of the 14-day ceiling. */
  initialAssessment: { remindOnDays: readonly number[] };
  /** The head teacher, every this many school days until "organiser notified" is ticked (School Act 7:19 a). */
  absenceInvestigationNotice: { remindAfterSchoolDays: number };
  /** The school social worker, this many calendar days before the consent's valid-until date (T11). */
  consentExpiry: { remindDaysBefore: number };
  /** The next follow-up check-in, this many school days after the case is taken or the last check-in. */
  followUp: { defaultSchoolDays: number };
}

/** Defaults for every district that does not override them. */
export const defaultReminderSettings: ReminderSettings = Object.freeze({
  unassigned: { remindAfterSchoolDays: 2, escalateAfterSchoolDays: 5 },
  handover: { remindAfterWorkingDays: 2, escalateAfterWorkingDays: 4, urgentRemindAfterHours: 2 },
  question: { remindReporterAfterSchoolDays: 3, remindTeamAfterWorkingDays: 3 },
  initialAssessment: { remindOnDays: [7, 12] },
  absenceInvestigationNotice: { remindAfterSchoolDays: 5 },
  consentExpiry: { remindDaysBefore: 14 },
  followUp: { defaultSchoolDays: 20 },
});

/** Settings as configured: city-wide defaults, and complete settings for the districts that override some. */
export interface ReminderConfig {
  defaults: ReminderSettings;
  districts: Readonly<Record<string, ReminderSettings>>;
}

/** The settings that apply in district `districtCode` (the city-wide ones when it overrides nothing). */
export function reminderSettingsFor(config: ReminderConfig, districtCode: string | undefined): ReminderSettings {
  return (districtCode === undefined ? undefined : config.districts[districtCode]) ?? config.defaults;
}
