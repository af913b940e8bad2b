import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../../src/config/directory';
import { defaultReminderSettings, reminderSettingsFor } from '../../../src/domain/reminders/reminder-settings';
import { loadSampleDirectory } from '../../support/test-directory';

const sample = loadSampleDirectory();
const file = 'stockholm.yaml';
const { reminders: _sampleReminders, ...withoutReminders } = structuredClone(sample);
const withReminders = (reminders: unknown) => ({ ...withoutReminders, reminders });
const parse = (raw: unknown) => parseDirectory(raw, file);
const errorsOf = (raw: unknown): string[] => {
  const result = parse(raw);
  return result.ok ? [] : result.errors;
};

describe('reminder settings in the routing directory', () => {
  it('uses the built-in defaults when the file has no reminders section', () => {
    const parsed = parse(withoutReminders);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.directory.reminders).toEqual({ defaults: defaultReminderSettings, districts: {} });
  });

  it('lays a district override over the city-wide settings, field by field', () => {
    const parsed = parse(withReminders({ defaults: { unassigned: { remindAfterSchoolDays: 3 } }, districts: { FAR: { unassigned: { escalateAfterSchoolDays: 8 } } } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    const { reminders } = parsed.directory;
    expect(reminderSettingsFor(reminders, 'FAR').unassigned).toEqual({ remindAfterSchoolDays: 3, escalateAfterSchoolDays: 8 });
    expect(reminderSettingsFor(reminders, 'BRO').unassigned).toEqual({ remindAfterSchoolDays: 3, escalateAfterSchoolDays: 5 });
    expect(reminderSettingsFor(reminders, 'FAR').handover).toEqual(defaultReminderSettings.handover);
  });

  it('gives follow-up check-ins 20 school days unless a district says otherwise', () => {
    const parsed = parse(withReminders({ districts: { FAR: { followUp: { defaultSchoolDays: 15 } } } }));
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(reminderSettingsFor(parsed.directory.reminders, 'FAR').followUp).toEqual({ defaultSchoolDays: 15 });
    expect(reminderSettingsFor(parsed.directory.reminders, 'BRO').followUp).toEqual({ defaultSchoolDays: 20 });
  });

  it('reads the sample file’s override for Järva', () => {
    expect(reminderSettingsFor(sample.reminders, 'JAR').initialAssessment.remindOnDays).toEqual([5, 10]);
    expect(reminderSettingsFor(sample.reminders, 'FAR').initialAssessment.remindOnDays).toEqual([7, 12]);
    expect(reminderSettingsFor(sample.reminders, 'JAR').followUp.defaultSchoolDays).toBe(15);
    expect(reminderSettingsFor(sample.reminders, 'FAR').followUp.defaultSchoolDays).toBe(20);
  });

  it.each<[string, unknown, string]>([
    ['an escalation not after the reminder', { defaults: { unassigned: { remindAfterSchoolDays: 5, escalateAfterSchoolDays: 5 } } }, 'reminders.defaults.unassigned.escalateAfterSchoolDays: must be greater than remindAfterSchoolDays (5), found 5'],
    ['a district override that puts the escalation first', { districts: { FAR: { handover: { remindAfterWorkingDays: 6 } } } }, 'reminders.districts.FAR.handover.escalateAfterWorkingDays: must be greater than remindAfterWorkingDays (6), found 4'],
    ['an override for an unknown district', { districts: { XYZ: {} } }, 'reminders.districts.XYZ: unknown district "XYZ"'],
    ['an initial-assessment reminder on the deadline day itself', { defaults: { initialAssessment: { remindOnDays: [7, 14] } } }, 'reminders.defaults.initialAssessment.remindOnDays[1]: must be at most 13'],
    ['reminder days out of order', { defaults: { initialAssessment: { remindOnDays: [12, 7] } } }, 'reminders.defaults.initialAssessment.remindOnDays: must be in increasing order'],
    ['half a day', { defaults: { question: { remindTeamAfterWorkingDays: 1.5 } } }, 'reminders.defaults.question.remindTeamAfterWorkingDays: must be a whole number of days'],
    ['an urgent reminder beyond the working day', { defaults: { handover: { urgentRemindAfterHours: 12 } } }, 'reminders.defaults.handover.urgentRemindAfterHours: must be at most 8'],
    ['a follow-up interval of no days', { defaults: { followUp: { defaultSchoolDays: 0 } } }, 'reminders.defaults.followUp.defaultSchoolDays: must be at least 1'],
    ['a misspelt key', { defaults: { unassigned: { remindAfterDays: 2 } } }, 'reminders.defaults.unassigned.remindAfterDays: unknown key'],
  ])('rejects %s and says where', (_label, reminders, expected) => {
    const errors = errorsOf(withReminders(reminders));
    expect(errors.find((e) => e.includes(expected)), errors.join('\n')).toMatch(new RegExp(`^${file}: `));
  });
});
