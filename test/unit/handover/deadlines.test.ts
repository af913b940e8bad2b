import { describe, expect, it } from 'vitest';
import type { AssessmentClock, Handover } from '../../../src/domain/handover/handover';
import {
  arrivedAtCurrentUnit,
  assessmentClockAfterForward,
  assessmentClockOf,
  handoverDeadlines,
  initialAssessmentDeadline,
  startAssessmentClock,
  urgentAcknowledgementDeadline,
} from '../../../src/domain/handover/deadlines';
import { stockholmCalendar } from '../calendar/stockholm-calendar';

const rules = stockholmCalendar();
const shortDayRules = stockholmCalendar({ dayBeforeHolidayEndsAt: '13:00' });

describe('initial assessment deadline (14 calendar days, domain.md I3)', () => {
  it.each([
    ['an ordinary Tuesday', '2026-11-24', '2026-12-08'],
    ['across the year end, not paused for Christmas', '2026-12-20', '2027-01-03'],
    ['on Christmas Eve, landing on a Thursday after New Year', '2026-12-24', '2027-01-07'],
    ['across a leap day', '2028-02-20', '2028-03-05'],
    ['in the summer break', '2026-07-01', '2026-07-15'],
  ])('received %s (%s) is due %s', (_label, receivedOn, due) => {
    expect(initialAssessmentDeadline(receivedOn)).toBe(due);
  });
});

describe('urgent handover: acknowledge the same working day', () => {
  it.each([
    ['in office hours', { date: '2026-11-24', time: '10:00' }, rules, { date: '2026-11-24', time: '17:00' }, false],
    ['before office hours on a working day', { date: '2026-11-24', time: '06:30' }, rules, { date: '2026-11-24', time: '17:00' }, true],
    ['after office hours', { date: '2026-11-24', time: '18:30' }, rules, { date: '2026-11-25', time: '17:00' }, true],
    ['on a Friday evening', { date: '2026-11-27', time: '20:00' }, rules, { date: '2026-11-30', time: '17:00' }, true],
    ['on Midsummer Eve', { date: '2026-06-19', time: '10:00' }, rules, { date: '2026-06-22', time: '17:00' }, true],
    ['on Maundy Thursday morning, a short day', { date: '2026-04-02', time: '10:00' }, shortDayRules, { date: '2026-04-02', time: '13:00' }, false],
    ['on Maundy Thursday after the short day ends', { date: '2026-04-02', time: '14:00' }, shortDayRules, { date: '2026-04-07', time: '17:00' }, true],
  ])('arriving %s is due %j (out of hours: %s)', (_label, arrivedAt, calendar, due, outsideWorkingHours) => {
    expect(urgentAcknowledgementDeadline(arrivedAt, calendar)).toEqual({ kind: 'same_working_day', due, outsideWorkingHours });
  });
});

const aHandover = (overrides: Partial<Handover> = {}): Handover => ({
  state: 'pending',
  unitId: 'FAR-INV',
  urgent: true,
  summary: 'Misstänkt våld i hemmet.',
  legalGround: 'reporting_duty',
  handedOverBy: 'sst-1',
  handedOverAt: '2026-11-24T09:00:00.000Z',
  receivedOn: '2026-11-24',
  forwards: [],
  inputRequests: [],
  ...overrides,
});

describe('deadline values for the handover card', () => {
  const arrivedAt = { date: '2026-11-24', time: '10:00' };

  it('shows the 14-day ceiling with days left, and the same-day acknowledgement while urgent and pending', () => {
    expect(handoverDeadlines(aHandover(), arrivedAt, '2026-11-30', rules)).toEqual({
      clock: { startsOn: '2026-11-24', basis: 'handover_arrival', unitId: 'FAR-INV' },
      initialAssessmentDue: '2026-12-08',
      initialAssessmentDaysLeft: 8,
      acknowledgeBy: { kind: 'same_working_day', due: { date: '2026-11-24', time: '17:00' }, outsideWorkingHours: false },
    });
  });

  it('counts days left below zero once the ceiling has passed', () => {
    expect(handoverDeadlines(aHandover(), arrivedAt, '2026-12-10', rules).initialAssessmentDaysLeft).toBe(-2);
  });

  it.each([
    ['an ordinary handover', aHandover({ urgent: false })],
    ['an urgent handover already acknowledged', aHandover({ state: 'acknowledged' })],
  ])('asks no same-day acknowledgement for %s', (_label, h) => {
    expect(handoverDeadlines(h, arrivedAt, '2026-11-24', rules).acknowledgeBy).toBeUndefined();
  });

  it('counts from where the clock started, not from the arrival at the current unit after a forward', () => {
    const forwarded = aHandover({
      receivedOn: '2026-11-26',
      assessmentClock: { startsOn: '2026-11-24', basis: 'handover_arrival', unitId: 'FAR-INV' },
      forwards: [{ fromUnitId: 'FAR-INV', toUnitId: 'SKA-INV', reason: 'pupil_lives_elsewhere', by: 'inv-1', at: '2026-11-26T08:00:00.000Z' }],
    });
    expect(arrivedAtCurrentUnit(forwarded)).toBe('2026-11-26T08:00:00.000Z');
    expect(arrivedAtCurrentUnit(aHandover())).toBe('2026-11-24T09:00:00.000Z');
    expect(handoverDeadlines(forwarded, arrivedAt, '2026-11-26', rules).initialAssessmentDue).toBe('2026-12-08');
  });

  it('counts a report of suspected harm from the day the report of concern reached social services', () => {
    const intake = aHandover({ receivedOn: '2026-11-24', assessmentClock: startAssessmentClock('FAR-INV', '2026-11-24', '2026-11-20') });
    expect(handoverDeadlines(intake, arrivedAt, '2026-11-24', rules)).toMatchObject({
      clock: { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' },
      initialAssessmentDue: '2026-12-04',
      initialAssessmentDaysLeft: 10,
    });
  });

  it('counts a handover stored before clocks were recorded from its arrival at the unit', () => {
    expect(assessmentClockOf(aHandover())).toEqual({ startsOn: '2026-11-24', basis: 'handover_arrival', unitId: 'FAR-INV' });
  });
});

describe('where the 14-day clock starts (domain.md I3)', () => {
  it.each<[string, string | undefined, AssessmentClock]>([
    ["a report of suspected harm: the reporter's report of concern reached social services", '2026-11-20', { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' }],
    ['a report of concern made the same day', '2026-11-24', { startsOn: '2026-11-24', basis: 'report_of_concern', unitId: 'FAR-INV' }],
    ["the team's own handover: it reached the unit", undefined, { startsOn: '2026-11-24', basis: 'handover_arrival', unitId: 'FAR-INV' }],
  ])('for %s', (_label, concernReportedOn, clock) => {
    expect(startAssessmentClock('FAR-INV', '2026-11-24', concernReportedOn)).toEqual(clock);
  });
});

describe('a forward and the 14-day clock', () => {
  const started: AssessmentClock = { startsOn: '2026-11-20', basis: 'report_of_concern', unitId: 'FAR-INV' };
  const far = { id: 'FAR-INV', districtCode: 'FAR' };
  const farSecond = { id: 'FAR-INV-2', districtCode: 'FAR' };
  const ska = { id: 'SKA-INV', districtCode: 'SKA' };
  const restarted: AssessmentClock = { startsOn: '2026-11-26', basis: 'forward_restart', unitId: 'SKA-INV' };
  it.each<[string, { districtCode: string } | undefined, { id: string; districtCode: string }, boolean, AssessmentClock]>([
    ['within one district committee, setting off', far, farSecond, false, started],
    ['within one district committee, even with the setting on', far, farSecond, true, started],
    ['to another district, by default', far, ska, false, started],
    ['to another district when the directory says a forward restarts it', far, ska, true, restarted],
    ['from a unit no longer in the directory, with the setting on', undefined, ska, true, restarted],
  ])('%s', (_label, from, to, restarts, clock) => {
    expect(assessmentClockAfterForward(started, from, to, '2026-11-26', restarts)).toEqual(clock);
  });
});
