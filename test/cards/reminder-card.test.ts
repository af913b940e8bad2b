import { describe, expect, it } from 'vitest';
import { renderReminderCard } from '../../src/adapters/teams/cards/render';
import { reminderSummary } from '../../src/adapters/teams/cards/views/reminder-card';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import { loadSampleDirectory } from '../support/test-directory';
import { executeActionsOf } from './card-walk';
import { reminderScenarios } from './reminder-fixtures';

const directory = loadSampleDirectory();
const langs: Lang[] = ['sv', 'en'];
const cases = langs.flatMap((lang) => reminderScenarios().map((s) => ({ ...s, lang })));
const verbsOf = (card: unknown): string[] => executeActionsOf(card).map((a) => String(a.verb));

describe.each(cases)('reminder card "$name" in $lang', ({ case: c, reminder, snoozed, lang }) => {
  const card = renderReminderCard({ lang, directory, case: c, reminder, ...(snoozed ? { snoozed } : {}) });
  const text = JSON.stringify(card);

  it('names the case by reference and school, and nothing about the pupil', () => {
    expect(text).toContain(c.reference);
    expect(reminderSummary(lang, directory, c)).toContain(c.reference);
    if (c.pupil) expect(text).not.toContain(`"${c.pupil.initials}`);
    if (c.text !== '') expect(text).not.toContain(c.text);
    for (const q of c.questions ?? []) expect(text).not.toContain(q.text);
  });

  it('offers the action that resolves it, and a snooze only on a reminder not yet snoozed', () => {
    const verbs = verbsOf(card);
    const unitSide = reminder.kind === 'unacknowledged_handover' || reminder.kind === 'initial_assessment';
    const reporterSide = reminder.recipient.kind === 'case_reporters' || reminder.kind === 'absence_investigation_notice';
    if (unitSide) expect(verbs).toContain('handover.view');
    else if (!reporterSide) expect(verbs).toContain('case.view');
    else expect(verbs.filter((v) => v !== 'reminder.snooze')).toEqual([]);
    expect(verbs.includes('reminder.snooze')).toBe(reminder.step === 'reminder' && snoozed !== true);
  });
});

describe('reminder card texts', () => {
  const [unassigned, escalation] = reminderScenarios();
  it('says how many school days a new case has waited, and that an escalation goes to the coordinator', () => {
    if (!unassigned || !escalation) throw new Error('fixtures changed');
    const sv = (s: typeof unassigned) => JSON.stringify(renderReminderCard({ lang: 'sv', directory, case: s.case, reminder: s.reminder }));
    expect(sv(unassigned)).toMatch(/Ärende FAR-2026-0042 \([^)]+\) har inte tagits på 2 skoldagar/);
    expect(sv(escalation)).toContain('Påminnelse till samordnaren');
    expect(sv(escalation)).toContain('5 skoldagar');
  });
});
