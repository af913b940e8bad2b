import { describe, expect, it } from 'vitest';
import { renderCaseCard, renderReminderCard } from '../../src/adapters/teams/cards/render';
import { ageText } from '../../src/adapters/teams/cards/views/case-age';
import { refreshUserIds } from '../../src/adapters/teams/cards/views/case-card';
import { assessmentDueLine } from '../../src/adapters/teams/cards/views/handover-sections';
import type { Lang } from '../../src/adapters/teams/i18n/i18n';
import { rolesFor } from '../../src/domain/access/policy';
import type { Case } from '../../src/domain/case/case';
import { people, testDirectory } from '../support/a-case';
import { loadSampleDirectory } from '../support/test-directory';
import { cardClock, newCase, now } from './case-fixtures';
import { reminderScenarios } from './reminder-fixtures';

/** Issue 13: "1 skoldagar" is not Swedish. Counts take the plural form their number asks for, in both languages. */
const withLongestRun = (days: number): Case => {
  const c = newCase();
  if (c.absence === undefined) throw new Error('fixture has no absence');
  return { ...c, absence: { ...c.absence, longestRunDays: days } };
};

function teamCard(c: Case, lang: Lang): string {
  const viewer = { userId: people.farMember1, roles: rolesFor(people.farMember1, c, testDirectory) };
  const card = renderCaseCard({ lang, clock: cardClock, directory: testDirectory, case: c, viewer, audienceMris: refreshUserIds(c, testDirectory), duplicates: [], undelivered: [], now });
  return JSON.stringify(card);
}

describe('counts on rendered cards', () => {
  it.each([
    { lang: 'sv' as const, one: '"1 skoldag"', two: '"2 skoldagar"', wrong: '1 skoldagar' },
    { lang: 'en' as const, one: '"1 school day"', two: '"2 school days"', wrong: '1 school days' },
  ])('the case card says $one and $two for the longest run of absence ($lang)', ({ lang, one, two, wrong }) => {
    const single = teamCard(withLongestRun(1), lang);
    expect(single).toContain(one);
    expect(single).not.toContain(wrong);
    expect(teamCard(withLongestRun(2), lang)).toContain(two);
  });

  it('the reminder for an untaken case counts school days in the singular when there is one', () => {
    const directory = loadSampleDirectory();
    const scenario = reminderScenarios().find((s) => s.reminder.kind === 'unassigned_case');
    if (scenario === undefined) throw new Error('no unassigned-case reminder scenario');
    const defaults = directory.reminders.defaults;
    const unassigned = { ...defaults.unassigned, remindAfterSchoolDays: 1, escalateAfterSchoolDays: 1 };
    const oneDay = { ...directory, reminders: { defaults: { ...defaults, unassigned }, districts: {} } };
    const render = (lang: Lang) => JSON.stringify(renderReminderCard({ lang, clock: cardClock, directory: oneDay, case: scenario.case, reminder: scenario.reminder }));
    expect(render('sv')).toContain('1 skoldag.');
    expect(render('en')).toContain('1 school day.');
  });

  it.each([
    { lang: 'sv' as const, days: 0, text: 'i dag' },
    { lang: 'sv' as const, days: 1, text: '1 dag' },
    { lang: 'sv' as const, days: 3, text: '3 dagar' },
    { lang: 'en' as const, days: 1, text: '1 day' },
    { lang: 'en' as const, days: 3, text: '3 days' },
  ])('a queue line gives a case $days days old as "$text" ($lang)', ({ lang, days, text }) => {
    const created = new Date(Date.parse(now) - days * 86_400_000).toISOString();
    expect(ageText(newCase({ createdAt: created }), now, lang, cardClock)).toBe(text);
  });

  it.each([
    { lang: 'sv' as const, left: 1, text: '(1 dag kvar)' },
    { lang: 'sv' as const, left: 5, text: '(5 dagar kvar)' },
    { lang: 'sv' as const, left: -1, text: '1 dag försenad' },
    { lang: 'en' as const, left: 1, text: '(1 day left)' },
    { lang: 'en' as const, left: -2, text: '2 days overdue' },
  ])('the initial-assessment line with $left days left says "$text" ($lang)', ({ lang, left, text }) => {
    expect(assessmentDueLine('2026-12-01', left, lang).text).toContain(text);
  });
});
