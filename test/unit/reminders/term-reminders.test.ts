import { describe, expect, it } from 'vitest';
import { toStockholmLocal } from '../../../src/adapters/clock/system-clock';
import { calendarOf } from '../../../src/adapters/calendar/calendar-of';
import type { Case } from '../../../src/domain/case/case';
import { termRecheckReminders, termStarts } from '../../../src/domain/reminders/term-reminders';
import { aCase, people, testDirectory } from '../../support/a-case';
import { loadSampleDirectory } from '../../support/test-directory';

const rules = calendarOf(loadSampleDirectory());
const planning = (date: string) => ({ rules, directory: testDirectory, localTimeOf: toStockholmLocal, now: { date, time: '12:00' } });
const plan = (c: Case, today: string) => termRecheckReminders(c, planning(today)).map((r) => `${r.subject} → ${r.recipient.kind} @ ${r.due.date} ${r.due.time}`);

describe('the support-level re-check at the start of a term', () => {
  it('finds the first school day after each summer and Christmas break of the configured school years', () => {
    // Jullov 2026/27 ends Friday 8 January 2027: the term starts on Monday the 11th.
    expect(termStarts(rules)).toEqual(['2026-01-08', '2026-08-19', '2027-01-11', '2027-08-18']);
  });

  it('gives every caller the same term starts, whatever an earlier caller did with its list', () => {
    termStarts(rules).splice(0, 4, '2030-01-01');
    expect(termStarts(rules)).toEqual(['2026-01-08', '2026-08-19', '2027-01-11', '2027-08-18']);
    expect(plan(aCase({ createdAt: '2026-11-23T09:00:00.000Z', state: 'new', supportLevel: 'sst' }), '2026-11-24')).toEqual([
      'term-2027-01-11 → team_inbox @ 2027-01-11 08:00',
      'term-2027-08-18 → team_inbox @ 2027-08-18 08:00',
    ]);
  });

  it('finds the term starts of each set of rules: a reloaded directory with other breaks gets its own', () => {
    const directory = loadSampleDirectory();
    const moved = calendarOf({
      ...directory,
      calendar: {
        ...directory.calendar,
        schoolYears: directory.calendar.schoolYears.map((y) => ({
          ...y,
          breaks: y.breaks.map((b) => (b.name === 'jullov' && y.schoolYear === '2026/27' ? { ...b, to: '2027-01-12' } : b)),
        })),
      },
    });
    expect(termStarts(rules)).toContain('2027-01-11');
    expect(termStarts(moved)).toEqual(['2026-01-08', '2026-08-19', '2027-01-13', '2027-08-18']);
  });

  it.each<[string, Partial<Case>, string[]]>([
    ['an assigned SST case: its worker, at each coming term start', { state: 'assigned', assigneeId: people.farMember1, supportLevel: 'sst' }, [
      'term-2027-01-11 → person @ 2027-01-11 08:00',
      'term-2027-08-18 → person @ 2027-08-18 08:00',
    ]],
    ['an untaken SST+ case: the team inbox', { state: 'new', supportLevel: 'intensive' }, ['term-2027-01-11 → team_inbox @ 2027-01-11 08:00', 'term-2027-08-18 → team_inbox @ 2027-08-18 08:00']],
    ['a case at the school-internal level: nothing', { state: 'assigned', assigneeId: people.farMember1, supportLevel: 'school_internal' }, []],
    ['a closed case: nothing', { state: 'closed', supportLevel: 'sst' }, []],
    ['a case awaiting consent: nothing', { state: 'awaiting_consent', supportLevel: 'sst' }, []],
  ])('%s', (_name, overrides, expected) => {
    expect(plan(aCase({ createdAt: '2026-11-23T09:00:00.000Z', ...overrides }), '2026-11-24')).toEqual(expected);
  });

  it('keeps only the latest term start that has passed, so a long-open case is re-checked once per term', () => {
    const c = aCase({ createdAt: '2025-11-20T09:00:00.000Z', state: 'assigned', assigneeId: people.farMember1, supportLevel: 'sst' });
    expect(plan(c, '2026-11-24')).toEqual([
      'term-2026-08-19 → person @ 2026-08-19 08:00',
      'term-2027-01-11 → person @ 2027-01-11 08:00',
      'term-2027-08-18 → person @ 2027-08-18 08:00',
    ]);
  });
});
