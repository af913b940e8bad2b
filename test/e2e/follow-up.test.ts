import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromStockholmLocal } from '../../src/adapters/clock/system-clock';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, pressAs, storedCase, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { TeamsClient, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const member1 = user(team?.members[0]?.id);
const stranger = user(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.members[0]?.id);
const reporter = aTeacher(1);

const at = (date: string, time: string): string => fromStockholmLocal({ date, time });
const isCheckIn = (m: Record<string, unknown>): boolean => /^Hur ser frånvaron ut nu/.test(String(m.summary ?? ''));
const isReminder = (m: Record<string, unknown>): boolean => /^Påminnelse/.test(String(m.summary ?? ''));

// Taken on Tuesday 24 November 2026: 20 school days later, the Christmas break not counted, is 12 January 2027.
const firstFollowUp = '2027-01-12';

describe('follow-up check-ins', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  let submitted: Case;
  const press = (who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> =>
    pressAs(bot, who, verb, { caseId: submitted.id, ...data });
  const stored = (): Promise<Case> => storedCase(bot, submitted.id);

  beforeEach(async () => {
    bot = await new RunningBot({ now: at('2026-11-23', '10:00') }).start();
    inboxes = new TeamInboxes(bot);
    submitted = await submitReport(bot, new TeamsClient(bot, reporter), school, { pupilInitials: 'KL', description: 'Lärarens egen text XYZZY' });
    bot.clock.set(at('2026-11-24', '11:00'));
    await press(member1, 'case.take', { version: submitted.version });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('sets the district’s default follow-up date when a worker takes the case', async () => {
    expect((await stored()).followUpOn).toBe(firstFollowUp);
  });

  it('asks the reporter for the figures and reminds the assignee on the follow-up date, then keeps the answer as a trend', async () => {
    bot.clock.set(at(firstFollowUp, '07:59'));
    await bot.sweepReminders();
    expect(inboxes.messagesTo(reporter.aadObjectId).filter(isCheckIn)).toEqual([]);

    bot.clock.set(at(firstFollowUp, '08:00'));
    await bot.sweepReminders();
    const [checkIn] = inboxes.messagesTo(reporter.aadObjectId).filter(isCheckIn);
    expect(textOf(cardOf(checkIn))).toContain(`Hur ser frånvaron ut nu för eleven i ${submitted.reference} (`);
    expect(JSON.stringify(checkIn)).not.toMatch(/KL|XYZZY/);
    // The term's start (Monday 11 January) has passed too, so the assignee also has the term re-check.
    const review = inboxes.messagesTo(member1.aadObjectId).filter(isReminder).find((m) => textOf(cardOf(m)).includes('Dags att följa upp'));
    expect(textOf(cardOf(review))).toContain(`Dags att följa upp ärende ${submitted.reference}`);
    expect(textOf(cardOf(review))).toContain('Öppna ärendet');

    bot.clock.set(at(firstFollowUp, '09:30'));
    const answered = await press(reporter, 'case.check_in', { checkInTotal: '25', checkInUnexcused: '10' });
    expect(textOf(answered.card)).toContain('Tack! Teamet ser siffran i ärendet.');
    const after = await stored();
    expect(after.attendance).toEqual([{ on: firstFollowUp, totalPercent: 25, unexcusedPercent: 10, by: reporter.aadObjectId }]);
    expect(after.followUpOn).not.toBe(firstFollowUp);
    expect((after.followUpOn ?? '') > firstFollowUp).toBe(true);

    const teamCard = await press(member1, 'case.view', {});
    expect(textOf(teamCard.card)).toContain('Närvaro över tid');
    expect(textOf(teamCard.card)).toContain('32 % (20 % ogiltig) (rapport 23 nov.) → 25 % (10 % ogiltig) (12 jan.)');
    expect(textOf(teamCard.card)).toContain(`Nästa uppföljning ${after.followUpOn ?? ''}`);
  });

  it('refuses a check-in from someone who did not report the case', async () => {
    const refused = await press(stranger, 'case.check_in', { checkInTotal: '25', checkInUnexcused: '10' });
    expect(textOf(refused.card)).not.toContain('Tack!');
    expect((await stored()).attendance).toBeUndefined();
  });

  it('keeps rejected figures on the card and saves nothing', async () => {
    const rejected = await press(reporter, 'case.check_in', { checkInTotal: '10', checkInUnexcused: '25' });
    expect(textOf(rejected.card)).toContain('Den ogiltiga frånvaron kan inte vara större än den totala frånvaron.');
    const inputs = JSON.stringify(rejected.card);
    expect(inputs).toMatch(/"id":"checkInTotal"[^}]*"value":"10"/);
    expect(inputs).toMatch(/"id":"checkInUnexcused"[^}]*"value":"25"/);
    expect((await stored()).attendance).toBeUndefined();
  });

  it('lets the assignee move the follow-up date, but not into the past', async () => {
    const version = (await stored()).version;
    const past = await press(member1, 'case.follow_up', { version, followUpOn: '2026-11-20' });
    expect(textOf(past.card)).toContain('Datumet har redan passerat');
    expect(JSON.stringify(past.card)).toContain('"value":"2026-11-20"');
    const moved = await press(member1, 'case.follow_up', { version, followUpOn: '2027-02-02' });
    expect(textOf(moved.card)).toContain('Nästa uppföljning är 2027-02-02.');
    expect((await stored()).followUpOn).toBe('2027-02-02');
    const reminders = await bot.store.listRemindersForCase(submitted.id);
    expect(reminders.filter((r) => r.kind === 'follow_up' && r.status === 'pending').map((r) => r.subject).sort()).toEqual([
      'check-in-2027-02-02',
      'review-2027-02-02',
    ]);
  });
});
