import { describe, expect, it } from 'vitest';
import { renderReminderCard } from '../../src/adapters/teams/cards/render';
import { reminderSummary } from '../../src/adapters/teams/cards/views/reminder-card';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import { loadSampleDirectory } from '../support/test-directory';
import { executeActionsOf, inputsOf, submissionsOf } from './card-walk';
import { reminderScenarios } from './reminder-fixtures';
import { cardClock } from './case-fixtures';

const directory = loadSampleDirectory();
const langs: Lang[] = ['sv', 'en'];
const cases = langs.flatMap((lang) => reminderScenarios().map((s) => ({ ...s, lang })));
const verbsOf = (card: unknown): string[] => executeActionsOf(card).map((a) => String(a.verb));

describe.each(cases)('reminder card "$name" in $lang', ({ case: c, reminder, snoozed, lang }) => {
  const card = renderReminderCard({ lang, clock: cardClock, directory, case: c, reminder, ...(snoozed ? { snoozed } : {}) });
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
    const reporterSide = reminder.recipient.kind === 'case_reporters';
    if (unitSide) expect(verbs).toContain('handover.view');
    // The head teacher answers on the card itself, or opens their view of the case.
    else if (reminder.kind === 'absence_investigation_notice') expect(verbs).toEqual(expect.arrayContaining(['case.school_steps', 'case.view']));
    else if (!reporterSide) expect(verbs).toContain('case.view');
    else expect(verbs.filter((v) => v !== 'reminder.snooze')).toEqual([]);
    expect(verbs.includes('reminder.snooze')).toBe(reminder.step === 'reminder' && snoozed !== true);
  });
});

describe('the head teacher’s reminder card', () => {
  const scenario = reminderScenarios().find((s) => s.reminder.kind === 'absence_investigation_notice');
  if (scenario === undefined) throw new Error('fixtures changed');
  const render = (c: typeof scenario.case) => renderReminderCard({ lang: 'sv', clock: cardClock, directory, case: c, reminder: scenario.reminder });

  it('carries the two 7:19 a dates, prefilled with what the case holds, and sends them to the school-steps verb', () => {
    const card = render(scenario.case);
    const inputs = inputsOf(card).map((i) => [i.id, i.value ?? '']);
    expect(inputs).toEqual([
      ['investigationStartedOn', '2026-11-16'],
      ['organiserNotifiedOn', ''],
    ]);
    expect(submissionsOf(card).find((s) => s.action.verb === 'case.school_steps')?.inputs.map((i) => i.id)).toEqual(['investigationStartedOn', 'organiserNotifiedOn']);
  });

  it.each([
    ['once the notice is recorded', { state: 'assigned' as const, steps: { guardiansInformed: true, pupilHealthInvolved: true, investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-20', adjustmentsTried: false, other: false } }],
    ['once the case is closed', { state: 'closed' as const }],
    ['for an upper-secondary pupil', { pupil: { initials: 'AB', yearGroup: 11 as const } }],
  ])('offers no form %s', (_label, overrides) => {
    expect(inputsOf(render({ ...scenario.case, ...overrides }))).toEqual([]);
  });
});

describe('reminder card texts', () => {
  const [unassigned, escalation] = reminderScenarios();
  it('says how many school days a new case has waited, and that an escalation goes to the coordinator', () => {
    if (!unassigned || !escalation) throw new Error('fixtures changed');
    const sv = (s: typeof unassigned) => JSON.stringify(renderReminderCard({ lang: 'sv', clock: cardClock, directory, case: s.case, reminder: s.reminder }));
    expect(sv(unassigned)).toMatch(/Ärende FAR-2026-0042 \([^)]+\) har inte tagits på 2 skoldagar/);
    expect(sv(escalation)).toContain('Påminnelse till samordnaren');
    expect(sv(escalation)).toContain('5 skoldagar');
  });
});
