import { describe, expect, it } from 'vitest';
import { endOfWorkingDay, isWithinWorkingHours, nextSendTime } from '../../../src/domain/calendar/working-hours';
import { stockholmCalendar } from './stockholm-calendar';

const rules = stockholmCalendar();
const at = (date: string, time: string) => ({ date, time });

describe('reminders go out in office hours, 08:00–17:00 on working days', () => {
  it.each([
    [at('2026-11-24', '10:15'), at('2026-11-24', '10:15'), 'inside office hours: now'],
    [at('2026-11-24', '08:00'), at('2026-11-24', '08:00'), 'at opening: now'],
    [at('2026-11-24', '06:30'), at('2026-11-24', '08:00'), 'early morning: at opening'],
    [at('2026-11-24', '17:00'), at('2026-11-25', '08:00'), 'at closing: next morning'],
    [at('2026-11-27', '22:00'), at('2026-11-30', '08:00'), 'Friday night: Monday morning'],
    [at('2026-11-28', '11:00'), at('2026-11-30', '08:00'), 'Saturday: Monday morning'],
    [at('2026-06-19', '10:00'), at('2026-06-22', '08:00'), 'Midsummer Eve: the Monday after'],
    [at('2026-06-18', '17:30'), at('2026-06-22', '08:00'), 'the evening before Midsummer Eve: the Monday after'],
    [at('2026-04-02', '18:00'), at('2026-04-07', '08:00'), 'Maundy Thursday evening: the Tuesday after Easter'],
    [at('2026-12-23', '20:00'), at('2026-12-28', '08:00'), 'the evening of 23 December: after Christmas'],
  ])('%j is sent at %j (%s)', (local, expected) => {
    expect(nextSendTime(local, rules)).toEqual(expected);
  });

  it.each([
    ['2026-11-24', at('2026-11-24', '17:00')],
    ['2026-06-19', at('2026-06-22', '17:00')],
    ['2026-11-28', at('2026-11-30', '17:00')],
  ])('an urgent handover received on %s must be acknowledged by %j', (date, expected) => {
    expect(endOfWorkingDay(date, rules)).toEqual(expected);
  });

  it.each([
    [at('2026-11-24', '16:59'), true],
    [at('2026-11-24', '17:00'), false],
    [at('2026-11-24', '07:59'), false],
    [at('2026-12-24', '10:00'), false],
  ])('%j is within office hours: %s', (local, expected) => {
    expect(isWithinWorkingHours(local, rules)).toBe(expected);
  });

  describe('with short days before a public holiday configured to end at 13:00', () => {
    const short = stockholmCalendar({ dayBeforeHolidayEndsAt: '13:00' });

    it.each([
      ['2026-01-05', 'the day before Epiphany'],
      ['2026-04-02', 'Maundy Thursday'],
      ['2026-04-30', 'the day before May Day'],
      ['2026-05-13', 'the day before Ascension Day'],
      ['2026-06-05', 'the day before National Day'],
      ['2026-10-30', 'the day before All Saints'],
    ])('office hours end at 13:00 on %s (%s)', (date) => {
      expect(endOfWorkingDay(date, short)).toEqual(at(date, '13:00'));
      expect(nextSendTime(at(date, '14:00'), short).date > date).toBe(true);
    });

    it.each([['2026-06-18'], ['2026-12-23'], ['2026-12-30'], ['2026-11-24']])('%s keeps full office hours', (date) => {
      expect(endOfWorkingDay(date, short)).toEqual(at(date, '17:00'));
    });
  });
});
