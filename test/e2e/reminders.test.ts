import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { fromStockholmLocal } from '../../src/adapters/clock/system-clock';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, pressAs, storedCase, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { executeButtonsOf, TeamsClient, type InvokeResult } from '../support/teams-client';
import { inputsOf } from '../cards/card-walk';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const farUnit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const skaUnit = dir.investigationUnits.find((u) => u.id === 'SKA-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const member1 = user(team?.members[0]?.id);
const coordinator = user(team?.coordinators[0]?.id);
const investigator = user(farUnit?.contacts[0]?.id);
const unitManager = user(farUnit?.managers[0]?.id);
const stranger = user(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.members[0]?.id);

/** Stockholm wall-clock time as an ISO instant: the tests speak the time people see. */
const at = (date: string, time: string): string => fromStockholmLocal({ date, time });
const isReminder = (m: Record<string, unknown>): boolean => /^Påminnelse/.test(String(m.summary ?? ''));

// Monday 23 November 2026, 10:00 in Stockholm; 2 school days → Wednesday 10:00, 5 → Monday 30 November 10:00.
describe('follow-up reminders reach people in Teams', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  let submitted: Case;
  const remindersTo = (who: TeamsUser) => inboxes.messagesTo(who.aadObjectId).filter(isReminder);
  const press = (who: TeamsUser, verb: string, data: Record<string, unknown>): Promise<InvokeResult> =>
    pressAs(bot, who, verb, { caseId: submitted.id, ...data });
  const sweepAt = async (date: string, time: string) => {
    bot.clock.set(at(date, time));
    return bot.sweepReminders();
  };

  beforeEach(async () => {
    bot = await new RunningBot({ now: at('2026-11-23', '10:00') }).start();
    inboxes = new TeamInboxes(bot);
    submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school, { pupilInitials: 'KL', description: 'Lärarens egen text XYZZY' });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('reminds the team of a case nobody took after two school days, then the coordinator after five, without pupil data', async () => {
    await sweepAt('2026-11-25', '09:59');
    expect(remindersTo(member1)).toEqual([]);
    const swept = await sweepAt('2026-11-25', '10:00');
    expect(swept.sent).toHaveLength(1);
    const [reminder] = remindersTo(member1);
    expect(String(reminder?.summary)).toContain(submitted.reference);
    expect(textOf(cardOf(reminder))).toMatch(new RegExp(`Ärende ${submitted.reference} \\([^)]+\\) har inte tagits på 2 skoldagar`));
    expect(JSON.stringify(reminder)).not.toMatch(/KL|XYZZY/);
    expect(remindersTo(coordinator)).toHaveLength(1);

    await sweepAt('2026-11-30', '10:00');
    const escalation = remindersTo(coordinator).at(-1);
    expect(remindersTo(coordinator)).toHaveLength(2);
    expect(textOf(cardOf(escalation))).toContain('Påminnelse till samordnaren');
    expect(JSON.stringify(escalation)).not.toMatch(/KL|XYZZY/);
    expect(remindersTo(member1)).toHaveLength(1);
  });

  it('sends nothing once someone has taken the case', async () => {
    bot.clock.set(at('2026-11-24', '11:00'));
    await press(member1, 'case.take', { version: submitted.version });
    const reminders = await bot.store.listRemindersForCase(submitted.id);
    expect(reminders.filter((r) => r.kind === 'unassigned_case').map((r) => r.status)).toEqual(['resolved', 'resolved']);
    await sweepAt('2026-11-25', '10:00');
    await sweepAt('2026-11-30', '10:00');
    expect(bot.connector.sent().filter(isReminder)).toEqual([]);
  });

  it('waits for working hours: a reminder due while nobody works goes out at 08:00 on the next working day', async () => {
    for (const [date, time] of [['2026-11-25', '20:00'], ['2026-11-28', '10:00'], ['2026-11-30', '07:59']] as const) {
      expect((await sweepAt(date, time)).skipped).toBe('outside_working_hours');
    }
    expect(bot.connector.sent().filter(isReminder)).toEqual([]);
    await sweepAt('2026-11-30', '08:00');
    expect(remindersTo(member1)).toHaveLength(1);
  });

  it('sends a reminder that fell due during a restart once, however often it sweeps afterwards', async () => {
    bot.clock.set(at('2026-11-25', '13:00'));
    await bot.restart();
    await bot.sweepReminders();
    await bot.sweepReminders();
    expect(remindersTo(member1)).toHaveLength(1);
  });

  it('delivers each reminder card once when two instances sweep at the same moment', async () => {
    bot.clock.set(at('2026-11-25', '10:00'));
    const other = bot.anotherInstance();
    try {
      const options = { instanceId: 'other-instance', leaseMs: 5 * 60_000, batchSize: 10, retryAfterMs: 15 * 60_000 };
      const [a, b] = await Promise.all([bot.sweepReminders('first-instance'), other.app.sweepReminders(options)]);
      expect(a.sent.length + b.sent.length).toBe(1);
    } finally {
      await other.close();
    }
    await bot.idle();
    const recipients = [...(team?.members ?? []), ...(team?.coordinators ?? [])];
    for (const p of recipients) expect(remindersTo(user(p.id)), p.id).toHaveLength(1);
  });

  it('snoozes to the start of the next working day for a recipient, and refuses a stranger', async () => {
    await sweepAt('2026-11-25', '10:00');
    const [reminder] = await bot.store.listRemindersForCase(submitted.id);
    const reminderId = reminder?.id ?? 'missing';
    const refused = await press(stranger, 'reminder.snooze', { reminderId });
    expect(textOf(refused.card)).toBe('Ingen åtkomst\nPåminnelsen finns inte, eller så gäller den inte dig. Ingenting har ändrats.');
    const snoozed = await press(member1, 'reminder.snooze', { reminderId });
    expect(textOf(snoozed.card)).toContain('Påminner dig igen 2026-11-26 kl 08:00');
    expect((await bot.store.listRemindersForCase(submitted.id)).find((r) => r.id === reminderId)).toMatchObject({
      status: 'pending',
      dueAt: at('2026-11-26', '08:00'),
    });
    await sweepAt('2026-11-26', '07:59');
    expect(remindersTo(member1)).toHaveLength(1);
    await sweepAt('2026-11-26', '08:00');
    expect(remindersTo(member1)).toHaveLength(2);
    await sweepAt('2026-11-26', '09:00');
    expect(remindersTo(member1)).toHaveLength(2);
  });
});

describe('reminders about handovers', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  const remindersTo = (who: TeamsUser) => inboxes.messagesTo(who.aadObjectId).filter(isReminder);
  const sweepAt = async (date: string, time: string) => {
    bot.clock.set(at(date, time));
    return bot.sweepReminders();
  };

  beforeEach(async () => {
    bot = await new RunningBot({ now: at('2026-11-23', '10:00') }).start();
    inboxes = new TeamInboxes(bot);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reminds the unit's contacts after two working days and its managers after four", async () => {
    const c = await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school);
    const worker = new TeamsClient(bot, member1);
    await worker.press('case.take', { caseId: c.id, version: c.version });
    const taken = await bot.store.getCase(c.id);
    await worker.press('case.hand_over', {
      caseId: c.id,
      version: taken?.version,
      handoverSummary: 'Frånvaron har ökat trots anpassningar.',
      handoverGround: 'consent',
      handoverUrgent: 'false',
    });
    await bot.idle();
    await sweepAt('2026-11-25', '09:59');
    expect(remindersTo(investigator)).toEqual([]);
    await sweepAt('2026-11-25', '10:00');
    const [reminder] = remindersTo(investigator);
    expect(textOf(cardOf(reminder))).toContain('väntar på kvittens');
    expect(JSON.stringify(reminder)).toContain('handover.view');
    expect(remindersTo(unitManager)).toEqual([]);
    await sweepAt('2026-11-27', '10:00');
    expect(textOf(cardOf(remindersTo(unitManager)[0]))).toContain('Påminnelse till enhetschefen');
  });

  it('reminds about an urgent handover a few hours after it arrived, the same day', async () => {
    const ska = dir.investigationUnits.find((u) => u.id === 'SKA-INV');
    const c = await submitReport(bot, new TeamsClient(bot, aTeacher(3)), school, { suspectedHarm: 'true', concernReportedOn: '2026-11-23', homeDistrict: 'SKA' });
    expect(c.handover?.urgent).toBe(true);
    const contact = user(skaUnit?.contacts[0]?.id);
    await sweepAt('2026-11-23', '11:59');
    expect(remindersTo(contact)).toEqual([]);
    await sweepAt('2026-11-23', '12:00');
    expect(textOf(cardOf(remindersTo(contact)[0]))).toContain('brådskande överlämningen');
    await sweepAt('2026-11-23', '16:29');
    expect(remindersTo(user(ska?.managers[0]?.id))).toHaveLength(1);
  });
});

describe("the head teacher's reminder about the organiser notice", () => {
  let bot: RunningBot;
  beforeEach(async () => {
    bot = await new RunningBot({ now: at('2026-11-23', '10:00') }).start();
  });
  afterEach(async () => {
    await bot.stop();
  });

  it("reaches the school's head teacher from the directory until the organiser is notified", async () => {
    const headTeacher = user(school.headTeacher?.id);
    const inboxes = new TeamInboxes(bot);
    const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(2)), school, {
      investigationStartedOn: '2026-11-20',
      organiserNotifiedOn: '',
    });
    const planned = (await bot.store.listRemindersForCase(submitted.id)).filter((r) => r.kind === 'absence_investigation_notice');
    expect(planned.length).toBeGreaterThan(0);
    const due = planned.map((r) => r.dueAt).sort()[0] ?? '';
    bot.clock.set(due);
    await bot.sweepReminders();
    const reminders = inboxes.messagesTo(headTeacher.aadObjectId).filter(isReminder);
    expect(reminders).toHaveLength(1);
    expect(String(reminders[0]?.summary)).toContain(submitted.reference);
    expect(inboxes.messagesTo(aTeacher(2).aadObjectId).filter(isReminder)).toEqual([]);
  });

  it('lets the head teacher record both dates from the reminder card, which ends the reminders', async () => {
    const headTeacher = user(school.headTeacher?.id);
    const inboxes = new TeamInboxes(bot);
    const toHeadTeacher = () => inboxes.messagesTo(headTeacher.aadObjectId).filter(isReminder);
    const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(2)), school, { investigationStartedOn: '2026-11-20', organiserNotifiedOn: '' });

    // Five school days after the report (Monday 23 November, 10:00).
    bot.clock.set(at('2026-11-30', '10:00'));
    await bot.sweepReminders();
    const card = cardOf(toHeadTeacher()[0]);
    expect(inputsOf(card).map((i) => [i.id, i.value])).toEqual([
      ['investigationStartedOn', '2026-11-20'],
      ['organiserNotifiedOn', ''],
    ]);
    const save = executeButtonsOf(card).find((b) => b.verb === 'case.school_steps');
    if (save === undefined) throw new Error('the reminder card offers no way to record the dates');

    // Teams sends the button's data with the card's inputs: the corrected start and the notice date.
    bot.clock.set(at('2026-11-30', '14:00'));
    const dates = { ...save.data, investigationStartedOn: '2026-11-19', organiserNotifiedOn: '2026-11-27' };
    // The teacher who reported is not the head teacher: refused, nothing recorded.
    await pressAs(bot, aTeacher(2), save.verb, dates);
    expect((await storedCase(bot, submitted.id)).steps?.organiserNotifiedOn).toBeUndefined();
    const answered = await pressAs(bot, headTeacher, save.verb, dates);
    expect(textOf(answered.card)).toContain('Skolans steg är sparade');
    expect(textOf(answered.card)).not.toContain('Lärarens egen text');
    expect((await storedCase(bot, submitted.id)).steps).toMatchObject({ investigationStartedOn: '2026-11-19', organiserNotifiedOn: '2026-11-27' });
    const audit = await bot.store.listAudit({ caseId: submitted.id });
    expect(audit.filter((a) => a.action === 'case.record_school_steps').map((a) => a.actorId)).toEqual([headTeacher.aadObjectId]);

    const planned = (await bot.store.listRemindersForCase(submitted.id)).filter((r) => r.kind === 'absence_investigation_notice');
    expect(planned.filter((r) => r.status === 'pending')).toEqual([]);
    for (const date of ['2026-12-07', '2026-12-14']) {
      bot.clock.set(at(date, '10:00'));
      await bot.sweepReminders();
    }
    expect(toHeadTeacher()).toHaveLength(1);

    // Their view of the case is the school's steps, with the dates as recorded.
    const view = await pressAs(bot, headTeacher, 'case.view', { caseId: submitted.id });
    expect(textOf(view.card)).toContain('2026-11-27');
    expect(executeButtonsOf(view.card).map((b) => b.verb)).toEqual(['case.school_steps']);
    expect(textOf(view.card)).not.toMatch(/Lärarens egen text|Testperson SST/);
  });
});

