import { describe, expect, it } from 'vitest';
import { toStockholmLocal } from '../../../src/adapters/clock/system-clock';
import type { LocalDateTime } from '../../../src/domain/calendar/local-date-time';
import type { Case } from '../../../src/domain/case/case';
import type { Handover } from '../../../src/domain/handover/handover';
import { isReminderWanted, plannedReminders, type ReminderPlanning } from '../../../src/domain/reminders/planned-reminders';
import { applyCaseAction } from '../../../src/domain/case/lifecycle';
import { aCase, aContext, people, testDirectory } from '../../support/a-case';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const rules = stockholmCalendar();
const at = (date: string, time: string): LocalDateTime => ({ date, time });
const planning = (now: LocalDateTime, directory = testDirectory): ReminderPlanning => ({ rules, directory, localTimeOf: toStockholmLocal, now });
/** `kind/step/subject → recipient @ date time`, soonest first: what a reader of the table wants to see. */
const summary = (c: Case, now: LocalDateTime, directory = testDirectory): string[] =>
  plannedReminders(c, planning(now, directory)).map((r) => {
    const { kind: recipientKind, ...target } = r.recipient;
    return `${r.kind}/${r.step}/${r.subject} → ${recipientKind}${Object.values(target).map((v) => `:${v}`).join('')} @ ${r.due.date} ${r.due.time}`;
  });

/** A Farsta case without the consent and school-step reminders, so each table row shows one concern. */
const quiet = (overrides: Partial<Case> = {}): Case => {
  const base = aCase({ consent: { givenBy: 'both_guardians', scope: ['absence'] } });
  return { ...base, ...overrides };
};

const aHandover = (overrides: Partial<Handover> = {}): Handover => ({
  state: 'pending',
  unitId: 'FAR-INV',
  urgent: false,
  summary: 'Sammanfattning',
  legalGround: 'consent',
  handedOverBy: people.farMember1,
  handedOverAt: '2026-11-23T09:00:00.000Z',
  receivedOn: '2026-11-23',
  forwards: [],
  inputRequests: [],
  ...overrides,
});
const handedOver = (h: Partial<Handover>): Case => quiet({ state: 'handed_over', assigneeId: people.farMember1, handover: aHandover(h) });
const acknowledged = (ackAt: string, h: Partial<Handover> = {}): Case =>
  handedOver({ state: 'acknowledged', acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: ackAt }, ...h });

describe('a new case nobody has taken (school days)', () => {
  it.each([
    [
      'created Monday 23 Nov 2026 10:00: the inbox on Wednesday, the coordinators the next Monday',
      quiet({ createdAt: '2026-11-23T09:00:00.000Z' }),
      ['unassigned_case/reminder/inbox → team_inbox:FAR-SST-1 @ 2026-11-25 10:00', 'unassigned_case/escalation/inbox → team_coordinators:FAR-SST-1 @ 2026-11-30 10:00'],
    ],
    [
      'created the Friday before sportlov: the break does not count',
      quiet({ createdAt: '2026-02-20T09:00:00.000Z', history: [] }),
      ['unassigned_case/reminder/inbox → team_inbox:FAR-SST-1 @ 2026-03-03 10:00', 'unassigned_case/escalation/inbox → team_coordinators:FAR-SST-1 @ 2026-03-06 10:00'],
    ],
    [
      'that waited for consent: counted from when consent arrived',
      quiet({ history: [{ at: '2026-11-30T13:00:00.000Z', by: people.reporter, type: 'consent_recorded' }] }),
      ['unassigned_case/reminder/inbox → team_inbox:FAR-SST-1 @ 2026-12-02 14:00', 'unassigned_case/escalation/inbox → team_coordinators:FAR-SST-1 @ 2026-12-07 14:00'],
    ],
    [
      'routed to a fallback contact: reminded, with nobody above to escalate to',
      quiet({ routing: { ...aCase().routing, sstTeamId: undefined, fallbackDistrictCode: 'NIN' } }),
      ['unassigned_case/reminder/inbox → fallback_contact:NIN @ 2026-11-25 10:00'],
    ],
  ])('%s', (_label, c, expected) => {
    expect(summary(c, at('2026-11-23', '10:00'))).toEqual(expected);
  });

  it.each(['awaiting_consent', 'assigned', 'closed', 'merged'] as const)('is not reminded about once it is %s', (state) => {
    expect(summary(quiet({ state }), at('2026-11-23', '10:00')).filter((s) => s.startsWith('unassigned_case'))).toEqual([]);
  });
});

describe('a handover nobody has acknowledged (working days; urgent: the same day)', () => {
  it.each([
    ['ordinary, in an ordinary week', handedOver({}), ['→ unit_contacts:FAR-INV @ 2026-11-25 10:00', '→ unit_managers:FAR-INV @ 2026-11-27 10:00']],
    [
      'ordinary, handed over the Friday before sportlov: not paused',
      handedOver({ handedOverAt: '2026-02-20T09:00:00.000Z', receivedOn: '2026-02-20' }),
      ['→ unit_contacts:FAR-INV @ 2026-02-24 10:00', '→ unit_managers:FAR-INV @ 2026-02-26 10:00'],
    ],
    ['urgent, in office hours', handedOver({ urgent: true }), ['→ unit_contacts:FAR-INV @ 2026-11-23 12:00', '→ unit_managers:FAR-INV @ 2026-11-23 16:59']],
    [
      'urgent, arriving at 22:00: from the next working morning',
      handedOver({ urgent: true, handedOverAt: '2026-11-23T21:00:00.000Z' }),
      ['→ unit_contacts:FAR-INV @ 2026-11-24 10:00', '→ unit_managers:FAR-INV @ 2026-11-24 16:59'],
    ],
    [
      'forwarded to Skärholmen: reminders start there, from the forward',
      handedOver({
        unitId: 'SKA-INV',
        forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: people.farInvestigator1, at: '2026-11-24T12:00:00.000Z' }],
      }),
      ['→ unit_contacts:SKA-INV @ 2026-11-26 13:00', '→ unit_managers:SKA-INV @ 2026-11-30 13:00'],
    ],
  ])('%s', (_label, c, expected) => {
    const handoverRows = summary(c, at('2026-11-23', '10:00')).filter((s) => s.startsWith('unacknowledged_handover'));
    expect(handoverRows.map((s) => s.slice(s.indexOf('→')))).toEqual(expected);
  });

  it('names the arrival in the id, so a forward resolves the old unit’s reminders and plans new ones', () => {
    const ids = (c: Case) => plannedReminders(c, planning(at('2026-11-23', '10:00'))).map((r) => r.id);
    const before = ids(handedOver({}));
    const after = ids(handedOver({ unitId: 'SKA-INV', forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'wrong_unit', by: 'x', at: '2026-11-24T12:00:00.000Z' }] }));
    expect(before.filter((id) => after.includes(id))).toEqual([]);
  });

  it('stops once someone acknowledges', () => {
    expect(summary(acknowledged('2026-11-23T12:00:00.000Z'), at('2026-11-23', '13:00')).filter((s) => s.startsWith('unacknowledged'))).toEqual([]);
  });
});

describe('the 14-day initial assessment (calendar days after receipt, ahead of the ceiling)', () => {
  const rows = (c: Case, now: LocalDateTime, directory = testDirectory) =>
    summary(c, now, directory).filter((s) => s.startsWith('initial_assessment')).map((s) => s.replace(/^initial_assessment\/reminder\//, ''));

  it.each([
    [
      'acknowledged the day it arrived: day 7 (Mon) and day 12 (Sat → Fri)',
      acknowledged('2026-11-23T12:00:00.000Z'),
      at('2026-11-23', '13:00'),
      [`FAR-INV:0:day-7 → person:${people.farInvestigator1} @ 2026-11-30 08:00`, `FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-04 08:00`],
    ],
    [
      'acknowledged on day 9: the day-7 reminder is skipped',
      acknowledged('2026-12-02T12:00:00.000Z'),
      at('2026-12-02', '13:00'),
      [`FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-04 08:00`],
    ],
    [
      'received before Easter 2026: day 7 is Easter Monday, moved to Maundy Thursday',
      acknowledged('2026-03-30T10:00:00.000Z', { handedOverAt: '2026-03-30T08:00:00.000Z', receivedOn: '2026-03-30' }),
      at('2026-03-30', '12:00'),
      [`FAR-INV:0:day-7 → person:${people.farInvestigator1} @ 2026-04-02 08:00`, `FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-04-10 08:00`],
    ],
    [
      'received over Christmas 2026: calendar days; day 12 (Sat 2 Jan) moves before New Year to Wed 30 Dec',
      acknowledged('2026-12-21T10:00:00.000Z', { handedOverAt: '2026-12-21T08:00:00.000Z', receivedOn: '2026-12-21' }),
      at('2026-12-21', '12:00'),
      [`FAR-INV:0:day-7 → person:${people.farInvestigator1} @ 2026-12-28 08:00`, `FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-30 08:00`],
    ],
  ])('%s', (_label, c, now, expected) => {
    expect(rows(c, now)).toEqual(expected);
  });

  it('keeps only the latest reminder that fell due while nobody swept (no burst after downtime)', () => {
    const c = acknowledged('2026-11-23T12:00:00.000Z');
    expect(rows(c, at('2026-12-01', '09:00'))).toEqual([
      `FAR-INV:0:day-7 → person:${people.farInvestigator1} @ 2026-11-30 08:00`,
      `FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-04 08:00`,
    ]);
    expect(rows(c, at('2026-12-04', '09:00'))).toEqual([`FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-04 08:00`]);
  });

  it('uses the settings of the unit’s district: Järva overrides the days in the sample directory', () => {
    const c = acknowledged('2026-11-23T12:00:00.000Z', { unitId: 'JAR-INV' });
    expect(rows(c, at('2026-11-23', '13:00')).map((s) => s.split(' → ')[0])).toEqual(['JAR-INV:0:day-5', 'JAR-INV:0:day-10']);
  });

  it.each([
    [
      "an urgent report of suspected harm: counted from the day the reporter's report of concern reached social services",
      acknowledged('2026-11-23T12:00:00.000Z', { urgent: true, assessmentClock: { startsOn: '2026-11-19', basis: 'report_of_concern', unitId: 'FAR-INV' } }),
      [`FAR-INV:0:day-7 → person:${people.farInvestigator1} @ 2026-11-26 08:00`, `FAR-INV:0:day-12 → person:${people.farInvestigator1} @ 2026-12-01 08:00`],
    ],
    [
      'a forward that did not restart the clock: the new unit is reminded on the same days',
      acknowledged('2026-11-26T12:00:00.000Z', {
        unitId: 'SKA-INV',
        acknowledgement: { responsibleId: people.skaInvestigator, recordedBy: people.skaInvestigator, at: '2026-11-26T12:00:00.000Z' },
        receivedOn: '2026-11-26',
        assessmentClock: { startsOn: '2026-11-23', basis: 'handover_arrival', unitId: 'FAR-INV' },
        forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: people.farInvestigator1, at: '2026-11-26T10:00:00.000Z' }],
      }),
      [`SKA-INV:1:day-7 → person:${people.skaInvestigator} @ 2026-11-30 08:00`, `SKA-INV:1:day-12 → person:${people.skaInvestigator} @ 2026-12-04 08:00`],
    ],
  ])('counts from where the clock started for %s', (_label, c, expected) => {
    expect(rows(c, at('2026-11-26', '13:00'))).toEqual(expected);
  });

  it.each([
    ['a reported outcome', acknowledged('2026-11-23T12:00:00.000Z', { state: 'outcome_reported', outcome: { outcome: 'not_opened', by: 'x', at: '2026-11-24T10:00:00.000Z' } })],
  ])('has none for %s', (_label, c) => {
    expect(rows(c, at('2026-11-23', '13:00'))).toEqual([]);
  });
});

describe('unanswered questions', () => {
  const question = { id: 'q-1', askedBy: people.farMember1, askedAt: '2026-11-24T10:00:00.000Z', text: 'Hur ofta?' };

  it('reminds the reporters of the team’s question after 3 school days', () => {
    const c = quiet({ state: 'assigned', assigneeId: people.farMember1, questions: [question] });
    expect(summary(c, at('2026-11-24', '11:00'))).toEqual(['unanswered_question/reminder/q-1 → case_reporters @ 2026-11-27 11:00']);
  });

  it('reminds the assigned worker of the investigator’s request after 3 working days, through a school break', () => {
    const request = { ...question, askedAt: '2026-10-23T10:00:00.000Z' };
    const c = acknowledged('2026-10-22T10:00:00.000Z', { receivedOn: '2026-10-22', handedOverAt: '2026-10-22T08:00:00.000Z', inputRequests: [request] });
    const rows = summary(c, at('2026-10-23', '12:00')).filter((s) => s.startsWith('unanswered_question'));
    expect(rows).toEqual([`unanswered_question/reminder/q-1 → person:${people.farMember1} @ 2026-10-28 12:00`]);
  });

  it('stops once the question is answered', () => {
    const answered = { ...question, answer: { by: people.reporter, at: '2026-11-25T10:00:00.000Z', text: 'Varje måndag' } };
    expect(summary(quiet({ state: 'assigned', assigneeId: people.farMember1, questions: [answered] }), at('2026-11-25', '12:00'))).toEqual([]);
  });
});

describe('the head teacher’s notice to the organiser (School Act 7:19 a), repeated until ticked', () => {
  const steps = { guardiansInformed: true, pupilHealthInvolved: true, investigationStartedOn: '2026-11-23', adjustmentsTried: false, other: false };
  const c = quiet({ steps });
  const rows = (now: LocalDateTime) => summary(c, now).filter((s) => s.startsWith('absence_investigation_notice'));

  it.each([
    ['when the report arrives: the first after 5 school days', at('2026-11-23', '10:00'), ['occurrence-1 @ 2026-11-30 10:00']],
    ['after the first was sent: the next', at('2026-11-30', '11:00'), ['occurrence-1 @ 2026-11-30 10:00', 'occurrence-2 @ 2026-12-07 10:00']],
    ['after two fell due while down: only the latest, and the next', at('2026-12-08', '12:00'), ['occurrence-2 @ 2026-12-07 10:00', 'occurrence-3 @ 2026-12-14 10:00']],
  ])('%s', (_label, now, expected) => {
    expect(rows(now).map((s) => s.replace(`absence_investigation_notice/reminder/`, '').replace(' → head_teacher:far-hokarangsskolan', ''))).toEqual(expected);
  });

  it('stops once "organiser notified" is ticked', () => {
    expect(summary(quiet({ steps: { ...steps, organiserNotifiedOn: '2026-11-25' } }), at('2026-11-25', '10:00')).some((s) => s.startsWith('absence'))).toBe(false);
  });

  it('stops once the head teacher records the notice on the case', () => {
    const recorded = applyCaseAction(c, { type: 'record_school_steps', organiserNotifiedOn: '2026-11-30' }, aContext(people.farHeadTeacher, { at: '2026-11-30T10:00:00.000Z', today: '2026-11-30' }));
    if (!recorded.ok) throw new Error(recorded.error.code);
    expect(rows(at('2026-11-30', '11:00'))).not.toEqual([]);
    expect(summary(recorded.value.case, at('2026-11-30', '11:00')).filter((s) => s.startsWith('absence'))).toEqual([]);
  });

  it('starts once the head teacher records an investigation start the report left blank', () => {
    const { investigationStartedOn: _none, ...unstarted } = steps;
    const blank = quiet({ steps: unstarted });
    expect(summary(blank, at('2026-11-23', '10:00')).filter((s) => s.startsWith('absence'))).toEqual([]);
    const recorded = applyCaseAction(blank, { type: 'record_school_steps', investigationStartedOn: '2026-11-24' }, aContext(people.farHeadTeacher));
    if (!recorded.ok) throw new Error(recorded.error.code);
    expect(summary(recorded.value.case, at('2026-11-24', '12:00')).filter((s) => s.startsWith('absence'))).toEqual([
      'absence_investigation_notice/reminder/occurrence-1 → head_teacher:far-hokarangsskolan @ 2026-12-01 08:00',
    ]);
  });

  it.each([
    [0, true],
    [9, true],
    [10, false],
    [11, false],
    [12, false],
  ] as const)('year group %i: reminded → %s (7:19 a covers compulsory schooling only)', (yearGroup, reminded) => {
    const pupil = quiet({ steps, pupil: { initials: 'AB', yearGroup } });
    const series = [at('2026-11-23', '10:00'), at('2026-11-30', '11:00'), at('2026-12-08', '12:00')].flatMap((now) => summary(pupil, now));
    expect(series.some((s) => s.startsWith('absence_investigation_notice'))).toBe(reminded);
  });

  it.each([
    // Started Friday before höstlov (week 44): five school days run to 6 November, the routine's five working days to 30 October.
    ['an independent school: on the morning the routine’s first form is due', 'eav-ies-enskede', 'EAV', '2026-10-23', 'occurrence-1 → head_teacher:eav-ies-enskede @ 2026-10-30 08:00'],
    ['a municipal school: after five school days', 'far-hokarangsskolan', 'FAR', '2026-10-23', 'occurrence-1 → head_teacher:far-hokarangsskolan @ 2026-11-06 10:00'],
    ['an independent school whose first form was already late when the report came: at once', 'eav-ies-enskede', 'EAV', '2026-10-01', 'occurrence-1 → head_teacher:eav-ies-enskede @ 2026-10-23 10:00'],
    ['an independent school, a start years back (outside the calendar): at once', 'eav-ies-enskede', 'EAV', '2019-05-02', 'occurrence-1 → head_teacher:eav-ies-enskede @ 2026-10-23 10:00'],
  ])('%s', (_label, schoolId, districtCode, startedOn, expected) => {
    const started = quiet({ schoolId, routing: { ...quiet().routing, schoolDistrictCode: districtCode }, createdAt: '2026-10-23T08:00:00.000Z', steps: { ...steps, investigationStartedOn: startedOn } });
    expect(summary(started, at('2026-10-23', '09:00')).filter((s) => s.startsWith('absence')).map((s) => s.replace('absence_investigation_notice/reminder/', ''))).toEqual([expected]);
  });
});

describe('consent about to expire', () => {
  it.each([
    ['valid until 15 Jun 2027: 14 days before, on Tuesday 1 Jun', '2027-06-15', quiet().state, undefined, 'team_inbox:FAR-SST-1 @ 2027-06-01 08:00'],
    ['valid until Sun 10 Jan 2027: 27 Dec is a Sunday, moved before Christmas', '2027-01-10', 'assigned' as const, people.farMember1, `person:${people.farMember1} @ 2026-12-23 08:00`],
  ])('%s', (_label, validUntil, state, assigneeId, expected) => {
    const c = quiet({ state, consent: { givenBy: 'guardian', scope: ['absence'], validUntil }, ...(assigneeId ? { assigneeId } : {}) });
    const rows = summary(c, at('2026-11-23', '10:00')).filter((s) => s.startsWith('consent_expiry'));
    expect(rows).toEqual([`consent_expiry/reminder/${validUntil} → ${expected}`]);
  });

  it('plans nothing for a withdrawn consent', () => {
    const c = quiet({ consent: { givenBy: 'both_guardians', scope: ['absence'], validUntil: '2027-06-15', withdrawnAt: '2026-11-20T09:00:00.000Z' } });
    expect(summary(c, at('2026-11-23', '10:00')).filter((s) => s.startsWith('consent_expiry'))).toEqual([]);
  });

  it('plans nothing when the reminder day was already past when the consent was recorded', () => {
    const c = quiet({ consent: { givenBy: 'guardian', scope: ['absence'], validUntil: '2026-11-30' } });
    expect(summary(c, at('2026-11-23', '10:00')).filter((s) => s.startsWith('consent_expiry'))).toEqual([]);
  });
});

describe('planning as a whole', () => {
  it('gives the same ids and times for the same state, so re-planning changes nothing', () => {
    const c = acknowledged('2026-11-23T12:00:00.000Z', { inputRequests: [{ id: 'q-2', askedBy: 'x', askedAt: '2026-11-24T10:00:00.000Z', text: 't' }] });
    expect(plannedReminders(c, planning(at('2026-11-24', '12:00')))).toEqual(plannedReminders(structuredClone(c), planning(at('2026-11-24', '12:00'))));
  });

  it('keeps the handover’s reminders when the team closes its part of the case', () => {
    const c = { ...acknowledged('2026-11-23T12:00:00.000Z'), state: 'closed' as const };
    expect(summary(c, at('2026-11-23', '13:00')).map((s) => s.split('/')[0])).toEqual(['initial_assessment', 'initial_assessment']);
  });

  it('answers whether a stored reminder is still wanted', () => {
    const c = quiet();
    const [first] = plannedReminders(c, planning(at('2026-11-25', '10:00')));
    expect(first && isReminderWanted(first.id, c, planning(at('2026-11-25', '10:00')))).toBe(true);
    expect(first && isReminderWanted(first.id, { ...c, state: 'assigned', assigneeId: people.farMember1 }, planning(at('2026-11-25', '10:00')))).toBe(false);
  });
});

describe('follow-up check-ins', () => {
  const followed = (overrides: Partial<Case> = {}): Case => quiet({ state: 'assigned', assigneeId: people.farMember1, followUpOn: '2026-12-15', ...overrides });

  it.each([
    [
      'on the follow-up date: the reporter is asked for the figures, the assignee to review',
      followed(),
      at('2026-11-24', '10:00'),
      ['follow_up/reminder/check-in-2026-12-15 → case_reporters @ 2026-12-15 08:00', `follow_up/reminder/review-2026-12-15 → person:${people.farMember1} @ 2026-12-15 08:00`],
    ],
    [
      'a follow-up date on a Saturday: the next school day',
      followed({ followUpOn: '2026-12-12' }),
      at('2026-11-24', '10:00'),
      ['follow_up/reminder/check-in-2026-12-12 → case_reporters @ 2026-12-14 08:00', `follow_up/reminder/review-2026-12-12 → person:${people.farMember1} @ 2026-12-14 08:00`],
    ],
    [
      'while the investigation unit has the case: still followed up',
      followed({ state: 'handed_over', handover: aHandover({ state: 'acknowledged', acknowledgement: { responsibleId: people.farInvestigator1, recordedBy: people.farInvestigator1, at: '2026-11-23T10:00:00.000Z' } }) }),
      at('2026-12-20', '10:00'),
      ['follow_up/reminder/check-in-2026-12-15 → case_reporters @ 2026-12-15 08:00', `follow_up/reminder/review-2026-12-15 → person:${people.farMember1} @ 2026-12-15 08:00`],
    ],
  ])('%s', (_label, c, now, expected) => {
    expect(summary(c, now).filter((s) => s.startsWith('follow_up/'))).toEqual(expected);
  });

  it.each([
    ['a closed case', followed({ state: 'closed', outcome: 'back_in_school', closedAt: '2026-12-01T10:00:00.000Z' })],
    ['a case without a follow-up date', followed({ followUpOn: undefined })],
    ['an anonymous consultation', followed({ kind: 'consultation' })],
  ])('plans no follow-up for %s', (_label, c) => {
    expect(summary(c, at('2026-11-24', '10:00')).filter((s) => s.startsWith('follow_up/'))).toEqual([]);
  });

  it('no longer wants the old check-in once the reporter has answered and the date moved', () => {
    const before = followed();
    const id = plannedReminders(before, planning(at('2026-12-15', '09:00'))).find((r) => r.subject === 'check-in-2026-12-15')?.id ?? '';
    expect(isReminderWanted(id, before, planning(at('2026-12-15', '09:00')))).toBe(true);
    expect(isReminderWanted(id, { ...before, followUpOn: '2027-01-26' }, planning(at('2026-12-15', '09:00')))).toBe(false);
  });
});
