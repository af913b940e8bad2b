import { describe, expect, it } from 'vitest';
import { parseDirectory } from '../../../src/config/directory';
import type { Case } from '../../../src/domain/case/case';
import { applyCaseAction, type CaseAction } from '../../../src/domain/case/lifecycle';
import { isAbsenceInvestigationRequired, otherOrganiserDeadlines, schoolSideOwner } from '../../../src/domain/case/school-steps';
import { yearGroups } from '../../../src/domain/report/report';
import { suggestSupportLevel } from '../../../src/domain/report/support-level';
import { defaultOtherOrganiserRoutine } from '../../../src/domain/routing/directory';
import { aCase, aContext, people, testDirectory } from '../../support/a-case';
import { loadSampleDirectory } from '../../support/test-directory';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const rules = stockholmCalendar();
/** A case whose school steps the reporter left blank at intake (Tuesday 24 November 2026 is today). */
const blank = (overrides: Partial<Case> = {}): Case =>
  aCase({ steps: { guardiansInformed: true, pupilHealthInvolved: false, adjustmentsTried: true, other: false }, ...overrides });
const record = (c: Case, dates: { investigationStartedOn?: string; organiserNotifiedOn?: string }) =>
  applyCaseAction(c, { type: 'record_school_steps', ...dates } satisfies CaseAction, aContext(people.farHeadTeacher));

describe('the head teacher records the school’s 7:19 a steps', () => {
  it('records both dates, keeps the other steps, and leaves a history entry and an event with dates only', () => {
    const result = record(blank(), { investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-18' });
    expect(result).toMatchObject({
      ok: true,
      value: {
        case: { state: 'new', steps: { guardiansInformed: true, adjustmentsTried: true, investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-18' } },
        events: [{ type: 'SchoolStepsRecorded', by: people.farHeadTeacher, investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-18' }],
      },
    });
    if (!result.ok) return;
    expect(result.value.case.history.at(-1)).toEqual({
      at: '2026-11-24T10:00:00.000Z',
      by: people.farHeadTeacher,
      type: 'school_steps_recorded',
      detail: { investigationStartedOn: '2026-11-16', organiserNotifiedOn: '2026-11-18' },
    });
  });

  it('records the notice alone on a case whose investigation start is already recorded', () => {
    const started = blank({ steps: { guardiansInformed: true, pupilHealthInvolved: false, adjustmentsTried: true, other: false, investigationStartedOn: '2026-11-02' } });
    expect(record(started, { organiserNotifiedOn: '2026-11-24' })).toMatchObject({
      ok: true,
      value: { case: { steps: { investigationStartedOn: '2026-11-02', organiserNotifiedOn: '2026-11-24' } } },
    });
  });

  it.each([
    ['no investigation start anywhere', {}, [{ field: 'investigationStartedOn', code: 'required' }]],
    ['only a notice, with no start', { organiserNotifiedOn: '2026-11-20' }, [{ field: 'investigationStartedOn', code: 'required' }]],
    ['a start tomorrow', { investigationStartedOn: '2026-11-25' }, [{ field: 'investigationStartedOn', code: 'date_in_future' }]],
    ['a notice tomorrow', { investigationStartedOn: '2026-11-20', organiserNotifiedOn: '2026-11-25' }, [{ field: 'organiserNotifiedOn', code: 'date_in_future' }]],
    ['a notice before the start', { investigationStartedOn: '2026-11-20', organiserNotifiedOn: '2026-11-19' }, [{ field: 'organiserNotifiedOn', code: 'organiser_before_investigation' }]],
    ['a date that is not one', { investigationStartedOn: '2026-02-30' }, [{ field: 'investigationStartedOn', code: 'invalid' }]],
  ])('refuses %s', (_label, dates, fields) => {
    expect(record(blank(), dates)).toEqual({ ok: false, error: { code: 'invalid_field', fields } });
  });

  it.each(yearGroups.map((y) => [y, y < 10] as const))('year group %i: the Act applies → %s', (yearGroup, applies) => {
    const c = blank({ pupil: { initials: 'AB', yearGroup } });
    expect(isAbsenceInvestigationRequired(c)).toBe(applies);
    const result = record(c, { investigationStartedOn: '2026-11-16' });
    expect(result.ok ? 'recorded' : result.error).toEqual(applies ? 'recorded' : { code: 'rule_violation', rule: 'absence_investigation_not_applicable' });
  });

  it('has nothing to record on an anonymous consultation', () => {
    expect(record(aCase({ kind: 'consultation' }), { investigationStartedOn: '2026-11-16' })).toEqual({
      ok: false,
      error: { code: 'rule_violation', rule: 'not_for_consultation' },
    });
  });
});

describe('independent schools: the city’s routine for other organisers (domain.md L4)', () => {
  it.each([
    ['Monday: five working days later', '2026-11-02', '2026-11-09', '2026-12-02'],
    ['through a school break: working days, not school days (höstlov week 44)', '2026-10-23', '2026-10-30', '2026-11-23'],
    ['over Christmas and New Year', '2026-12-21', '2026-12-30', '2027-01-21'],
    ['at the end of January: the result by the last day of February', '2027-01-29', '2027-02-05', '2027-02-28'],
  ])('%s', (_label, startedOn, firstFormBy, resultBy) => {
    expect(otherOrganiserDeadlines(startedOn, defaultOtherOrganiserRoutine, rules)).toEqual({ firstFormBy, resultBy });
  });

  it('has no deadlines to count for a start outside the calendar’s years', () => {
    expect(otherOrganiserDeadlines('2019-05-02', defaultOtherOrganiserRoutine, rules)).toBeUndefined();
  });

  it('follows the routine the directory configures', () => {
    expect(otherOrganiserDeadlines('2026-11-02', { firstFormWithinWorkingDays: 3, resultWithinMonths: 2 }, rules)).toEqual({ firstFormBy: '2026-11-05', resultBy: '2027-01-02' });
  });

  const { otherOrganiserRoutine: _sample, ...withoutRoutine } = structuredClone(loadSampleDirectory());
  const parse = (routine: unknown) => parseDirectory(routine === undefined ? withoutRoutine : { ...withoutRoutine, otherOrganiserRoutine: routine }, 'stockholm.yaml');

  it.each([
    ['no section: the city’s published defaults, 5 working days and 1 month', undefined, { firstFormWithinWorkingDays: 5, resultWithinMonths: 1 }],
    ['one value: the other keeps its default', { firstFormWithinWorkingDays: 3 }, { firstFormWithinWorkingDays: 3, resultWithinMonths: 1 }],
  ])('directory: %s', (_label, routine, expected) => {
    const parsed = parse(routine);
    if (!parsed.ok) throw new Error(parsed.errors.join('\n'));
    expect(parsed.directory.otherOrganiserRoutine).toEqual(expected);
  });

  it.each([
    [{ firstFormWithinWorkingDays: 0 }, 'otherOrganiserRoutine.firstFormWithinWorkingDays'],
    [{ resultWithinMonths: 1.5 }, 'otherOrganiserRoutine.resultWithinMonths'],
    [{ firstFormDays: 5 }, 'otherOrganiserRoutine'],
  ])('directory: refuses %j, naming %s', (routine, path) => {
    const parsed = parse(routine);
    expect(parsed.ok ? [] : parsed.errors).toEqual([expect.stringContaining(path)]);
  });

  it.each([0, 15, 49, 50, 80, 100])('never suggests SST+ for a pupil of an independent school, at %i %% absence in an SST+ district', (totalAbsencePercent) => {
    const input = { totalAbsencePercent, organiser: 'independent' as const, schoolDistrictOffersIntensive: true, homeDistrictOffersIntensive: true, upperSecondary: false, hasOtherConcerns: false };
    expect(suggestSupportLevel(input, testDirectory.thresholds).level).not.toBe('intensive');
  });

  it.each([
    ['a municipal school in Enskede-Årsta-Vantör, which offers SST+', 'eav-enskede-skola', { ok: true }],
    ['an independent school in the same district', 'eav-ies-enskede', { ok: false, error: { code: 'rule_violation', rule: 'intensive_not_offered' } }],
  ])('the team may move a case to SST+ at %s → %j', (_label, schoolId, expected) => {
    const c = aCase({ schoolId, state: 'assigned', assigneeId: people.farMember1, routing: { ...aCase().routing, schoolDistrictCode: 'EAV', homeDistrictCode: 'EAV' } });
    expect(applyCaseAction(c, { type: 'change_level', level: 'intensive' }, aContext(people.farMember1))).toMatchObject(expected);
  });

  it.each([
    ['a municipal school', 'far-hokarangsskolan', { kind: 'education_committee' }],
    ['an independent school', 'eav-ies-enskede', { kind: 'independent_school', schoolId: 'eav-ies-enskede' }],
    ['an independent school with upper secondary too', 'nin-franska-skolan', { kind: 'independent_school', schoolId: 'nin-franska-skolan' }],
  ])('the school side of a case from %s is owned by %j', (_label, schoolId, owner) => {
    const school = testDirectory.schools.find((s) => s.id === schoolId);
    if (school === undefined) throw new Error(`no school ${schoolId} in the sample directory`);
    expect(schoolSideOwner(school)).toEqual(owner);
  });
});
