import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Case } from '../../src/domain/case/case';
import type { Directory } from '../../src/domain/routing/directory';
import { fromStockholmLocal } from '../../src/adapters/clock/system-clock';
import { aChannel, aChannelMessage, aTeacher, mriOf, type TeamChannel, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, storedCase, submitReport } from '../support/team-inboxes';
import { buttonsOf, TeamsClient, textOf } from '../support/teams-client';
import { pressOnMessage, textSeenBy, whatSees } from '../support/teams-view';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'FAR');
const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const unit = dir.investigationUnits.find((u) => u.id === 'FAR-INV');
const user = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });
const coordinator = user(team?.coordinators[0]?.id);
const worker = user(team?.members[0]?.id);
const investigator = user(unit?.contacts[0]?.id);
const unitManager = user(unit?.managers[0]?.id);
/** In the team's channel (a colleague at the school, say) but not routed to the case: sees the base card only. */
const bystander = aTeacher(41);
/** In the unit's channel but not one of its contacts or managers. */
const unitBystander = aTeacher(42);

// Pupil data, easy to spot in anything a person reads.
const initials = 'ÅQ';
const description = 'Lärarens beskrivning HEMLIG-7731';
const summary = 'Teamets överlämning HEMLIG-5521';
const question = 'Teamets fråga HEMLIG-3301';
const answer = 'Lärarens svar HEMLIG-4402';
const pupilData = [initials, 'HEMLIG-'];

const teamChannel = aChannel(11);
const unitChannel = aChannel(12);

describe("what each person sees: a person's own view never replaces the shared card", () => {
  let bot: RunningBot;
  let submitted: Case;
  const current = (): Promise<Case> => storedCase(bot, submitted.id);

  /** Makes a channel an inbox, as its coordinator or manager does, with the team's roster known to Teams. */
  const linkInbox = async (who: TeamsUser, channel: TeamChannel, inboxId: string, roster: readonly TeamsUser[]): Promise<void> => {
    for (const id of [channel.teamId, channel.channelId]) bot.connector.setMembers(id, roster.map((p) => p.aadObjectId));
    const res = await new TeamsClient(bot, who).post(aChannelMessage(who, bot.serviceUrl, channel, `registrera ${inboxId}`));
    expect(res.status).toBe(200);
  };
  /** The one message the bot posted into a channel (its case or handover card). */
  const postIn = (channel: TeamChannel): string => {
    const [message] = bot.connector.storedMessages(channel.channelId).filter((m) => cardOf(m.activity));
    if (!message) throw new Error(`nothing was posted in ${channel.channelId}`);
    return message.id;
  };
  const press = (who: TeamsUser, channel: TeamChannel, verb: string, data: Record<string, unknown>) =>
    pressOnMessage(bot, who, channel.channelId, postIn(channel), verb, { caseId: submitted.id, ...data });

  /** The rule after every step: whoever reads a channel without being routed to the case reads no pupil data. */
  const expectBystandersSeeNoPupilData = async (): Promise<void> => {
    for (const [who, channel] of [
      [bystander, teamChannel],
      [unitBystander, unitChannel],
    ] as const) {
      const seen = await textSeenBy(bot, who, channel.channelId);
      for (const marker of pupilData) expect(seen, `${who.name} in ${channel.channelId}`).not.toContain(marker);
    }
  };

  beforeEach(async () => {
    bot = await new RunningBot().start();
    const teamPeople = [...(team?.coordinators ?? []), ...(team?.members ?? [])].map((p) => user(p.id));
    const unitPeople = [...(unit?.contacts ?? []), ...(unit?.managers ?? [])].map((p) => user(p.id));
    await linkInbox(coordinator, teamChannel, team?.id ?? '', [...teamPeople, bystander]);
    await linkInbox(unitManager, unitChannel, unit?.id ?? '', [...unitPeople, unitBystander]);
    submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school, { pupilInitials: initials, description });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('keeps the pupil out of the channel through every step, while the people routed to the case see it', async () => {
    await expectBystandersSeeNoPupilData();

    await press(worker, teamChannel, 'case.take', { version: submitted.version });
    await expectBystandersSeeNoPupilData();

    await press(worker, teamChannel, 'case.ask', { version: (await current()).version, question });
    await expectBystandersSeeNoPupilData();

    const asked = await current();
    const questionId = asked.questions?.[0]?.id ?? 'missing';
    await new TeamsClient(bot, aTeacher(1)).press('case.answer', { caseId: submitted.id, questionId, answer });
    await bot.idle();
    await expectBystandersSeeNoPupilData();

    await press(worker, teamChannel, 'case.hand_over', {
      version: (await current()).version,
      handoverSummary: summary,
      handoverGround: 'consent',
      handoverUrgent: 'false',
    });
    await expectBystandersSeeNoPupilData();
    expect(await textSeenBy(bot, investigator, unitChannel.channelId)).toContain(summary);

    await press(investigator, unitChannel, 'handover.acknowledge', { version: (await current()).version, responsibleId: '' });
    await expectBystandersSeeNoPupilData();

    await press(investigator, unitChannel, 'handover.request_input', { version: (await current()).version, inputQuestion: 'Utredarens fråga HEMLIG-6610' });
    await expectBystandersSeeNoPupilData();
    const inputId = (await current()).handover?.inputRequests[0]?.id ?? 'missing';
    await new TeamsClient(bot, worker).press('handover.answer_input', { caseId: submitted.id, questionId: inputId, inputAnswer: 'Teamets svar HEMLIG-6611' });
    await bot.idle();
    await expectBystandersSeeNoPupilData();

    await press(investigator, unitChannel, 'handover.report_outcome', { version: (await current()).version, handoverOutcome: 'opened' });
    await expectBystandersSeeNoPupilData();

    await press(investigator, unitChannel, 'handover.close', { version: (await current()).version });
    await expectBystandersSeeNoPupilData();

    await press(worker, teamChannel, 'case.close', { version: (await current()).version, outcome: 'back_in_school' });
    await expectBystandersSeeNoPupilData();
    expect((await current()).state).toBe('closed');
  });

  it('keeps the pupil out of the channel when a referral waiting for consent gets it, and when it is withdrawn', async () => {
    const reporter = new TeamsClient(bot, aTeacher(2));
    const waiting = await submitReport(bot, reporter, school, {
      pupilInitials: initials,
      description,
      consentGivenBy: 'none',
      consentScope: '',
      consentValidUntil: '',
    });
    expect(waiting.state).toBe('awaiting_consent');
    const posted = () => bot.connector.storedMessages(teamChannel.channelId).filter((m) => cardOf(m.activity)).length;
    const before = posted();

    await reporter.press('case.consent', {
      caseId: waiting.id,
      version: waiting.version,
      consentGivenBy: 'both_guardians',
      consentScope: 'absence,school_steps,description',
      consentValidUntil: '2027-06-30',
      consentRecipients: 'sst_team',
    });
    await bot.idle();
    expect(posted()).toBe(before + 1);
    await expectBystandersSeeNoPupilData();

    const card = bot.connector.storedMessages(teamChannel.channelId).filter((m) => cardOf(m.activity)).at(-1);
    const version = (await storedCase(bot, waiting.id)).version;
    await pressOnMessage(bot, coordinator, teamChannel.channelId, card?.id ?? '', 'case.withdraw_consent', { caseId: waiting.id, version });
    expect((await storedCase(bot, waiting.id)).consent?.withdrawnAt).toBeDefined();
    await expectBystandersSeeNoPupilData();
  });

  it('shows each routed person their own view by their Teams user id, and the bystander the base card', async () => {
    const stored = cardOf(bot.connector.storedMessages(teamChannel.channelId)[0]?.activity);
    const userIds: unknown = Reflect.get(Object(stored?.refresh), 'userIds');
    expect(userIds).toEqual(expect.arrayContaining([mriOf(worker.aadObjectId), mriOf(coordinator.aadObjectId)]));
    expect(JSON.stringify(userIds)).not.toContain(worker.aadObjectId);

    const [workerSees] = await whatSees(bot, worker, teamChannel.channelId);
    expect(workerSees?.ownView).toBe(true);
    expect(workerSees?.text).toContain(initials);
    expect(buttonsOf(workerSees?.card)).toContain('case.take');

    const [bystanderSees] = await whatSees(bot, bystander, teamChannel.channelId);
    expect(bystanderSees?.ownView).toBe(false);
    expect(bystanderSees?.text).toContain(submitted.reference);
    expect(new Set(buttonsOf(bystanderSees?.card))).toEqual(new Set(['case.view']));
  });

  it("answers a bystander's button press to them alone, and leaves the shared card as it was", async () => {
    const before = JSON.stringify(bot.connector.storedMessages(teamChannel.channelId));
    const opened = await press(bystander, teamChannel, 'case.view', {});
    const taken = await press(bystander, teamChannel, 'case.take', { version: submitted.version });
    for (const refusal of [opened, taken]) {
      expect(refusal.status).toBe(200);
      expect(textOf(refusal.card)).not.toContain(initials);
      // A refusal names nobody: no user ids, not even the person's own.
      expect(JSON.stringify(refusal.card)).not.toMatch(/29:/);
    }
    expect(JSON.stringify(bot.connector.storedMessages(teamChannel.channelId))).toBe(before);
    expect((await current()).assigneeId).toBeUndefined();
    const [workerSees] = await whatSees(bot, worker, teamChannel.channelId);
    expect(workerSees?.text).toContain(initials);
  });

  it('updates the shared card only with the base card when the case changes, and never in answer to a refresh', async () => {
    await press(worker, teamChannel, 'case.take', { version: submitted.version });
    const updates = bot.connector.calls.filter((c) => c.kind === 'update' && c.conversationId === teamChannel.channelId);
    expect(updates.length).toBeGreaterThan(0);
    for (const u of updates) for (const marker of pupilData) expect(textOf(cardOf(u.body))).not.toContain(marker);
    // Teams refreshes everyone in userIds after an edit: none of those refreshes may edit again.
    const before = bot.connector.calls.filter((c) => c.kind === 'update').length;
    for (const p of [worker, coordinator, ...(team?.members ?? []).map((m) => user(m.id))]) await whatSees(bot, p, teamChannel.channelId);
    expect(bot.connector.calls.filter((c) => c.kind === 'update')).toHaveLength(before);
  });

  it('still answers the person with the changed card when updating the shared card fails', async () => {
    // Teams refuses the edit (403: the bot was removed from the channel, say); the change is stored all the same.
    bot.connector.failNext('update', { status: 403, times: 10 });
    const taken = await press(worker, teamChannel, 'case.take', { version: submitted.version });
    expect(taken.status).toBe(200);
    expect(textOf(taken.card)).toContain(initials);
    expect(buttonsOf(taken.card)).not.toContain('case.take');
    expect((await current()).assigneeId).toBe(worker.aadObjectId);
  });
});

describe('reminders, forwards and personal chats show each person only what is theirs', () => {
  let bot: RunningBot;
  let submitted: Case;
  const skaUnit = dir.investigationUnits.find((u) => u.id === 'SKA-INV');
  const skaContact = user(skaUnit?.contacts[0]?.id);
  const at = (date: string, time: string): string => fromStockholmLocal({ date, time });

  beforeEach(async () => {
    // Monday 23 November 2026, 10:00 in Stockholm: the unassigned-case reminder is due on Wednesday at 10:00.
    bot = await new RunningBot({ now: at('2026-11-23', '10:00') }).start();
    const teamPeople = [...(team?.coordinators ?? []), ...(team?.members ?? [])].map((p) => p.id);
    for (const id of [teamChannel.teamId, teamChannel.channelId]) bot.connector.setMembers(id, [...teamPeople, bystander.aadObjectId]);
    await new TeamsClient(bot, coordinator).post(aChannelMessage(coordinator, bot.serviceUrl, teamChannel, `registrera ${team?.id}`));
    submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school, { pupilInitials: initials, description });
  });
  afterEach(async () => {
    await bot.stop();
  });

  it('posts the reminder in the channel without pupil data; snoozing or refusing it answers only the person who pressed', async () => {
    bot.clock.set(at('2026-11-25', '10:00'));
    await bot.sweepReminders();
    const reminder = bot.connector.storedMessages(teamChannel.channelId).find((m) => /^Påminnelse/.test(String(m.activity.summary ?? '')));
    expect(reminder).toBeDefined();
    const seen = await textSeenBy(bot, bystander, teamChannel.channelId);
    for (const marker of pupilData) expect(seen).not.toContain(marker);

    const before = JSON.stringify(bot.connector.storedMessages(teamChannel.channelId));
    const reminders = await bot.store.listRemindersForCase(submitted.id);
    const reminderId = reminders.find((r) => r.recipient.kind === 'team_inbox' && r.status === 'sent')?.id ?? 'missing';
    const snoozed = await pressOnMessage(bot, worker, teamChannel.channelId, reminder?.id ?? '', 'reminder.snooze', { caseId: submitted.id, reminderId });
    expect(textOf(snoozed.card)).toContain('2026-11-26');
    const refused = await pressOnMessage(bot, bystander, teamChannel.channelId, reminder?.id ?? '', 'reminder.snooze', { caseId: submitted.id, reminderId });
    for (const marker of pupilData) expect(textOf(refused.card)).not.toContain(marker);
    expect(JSON.stringify(refused.card)).not.toMatch(/29:/);
    expect(JSON.stringify(bot.connector.storedMessages(teamChannel.channelId))).toBe(before);
  });

  it("keeps only the base card in a forwarded unit's personal chats, and shows its contact their own view by MRI", async () => {
    const press = (who: TeamsUser, verb: string, data: Record<string, unknown>) =>
      pressOnMessage(bot, who, `a:personal-${who.aadObjectId}`, 'card-message-1', verb, { caseId: submitted.id, ...data });
    await press(worker, 'case.take', { version: submitted.version });
    await press(worker, 'case.hand_over', { version: (await storedCase(bot, submitted.id)).version, handoverSummary: summary, handoverGround: 'consent', handoverUrgent: 'false' });
    await press(investigator, 'handover.forward', { version: (await storedCase(bot, submitted.id)).version, toUnitId: 'SKA-INV', forwardReason: 'pupil_lives_elsewhere' });

    // SKA-INV has no inbox channel: the bot creates a personal chat with each of its contacts.
    const chat = bot.connector.calls.find((c) => c.kind === 'create' && JSON.stringify(c.body).includes(skaContact.aadObjectId))?.answeredId ?? 'missing';
    const stored = () => bot.connector.storedMessages(chat).map((m) => textOf(cardOf(m.activity)) + String(m.activity.summary ?? '')).join('\n');
    for (const marker of pupilData) expect(stored()).not.toContain(marker);
    const [card] = bot.connector.storedMessages(chat);
    const opened = await pressOnMessage(bot, skaContact, chat, card?.id ?? '', 'handover.view', { caseId: submitted.id });
    expect(textOf(opened.card)).toContain(summary);

    await pressOnMessage(bot, skaContact, chat, card?.id ?? '', 'handover.acknowledge', { caseId: submitted.id, version: (await storedCase(bot, submitted.id)).version, responsibleId: '' });
    for (const marker of pupilData) expect(stored()).not.toContain(marker);
    // The chat's roster told the bot the contact's MRI: the updated card now refreshes to their own view.
    const [seen] = await whatSees(bot, skaContact, chat);
    expect(seen?.ownView).toBe(true);
    expect(seen?.text).toContain(summary);
  });
});

describe('a team member who has written to the bot', () => {
  it('sees their own view in their chat from the first card (their Teams user id comes from their message or the chat roster)', async () => {
    const bot = await new RunningBot().start();
    try {
      // No inbox channel: the team's members get the card in their own chats with the bot.
      await new TeamsClient(bot, worker).say('hjälp');
      await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school, { pupilInitials: initials, description });
      const chat = `a:personal-${worker.aadObjectId}`;
      const card = bot.connector.storedMessages(chat).find((m) => cardOf(m.activity) !== undefined && /^Ärende|FAR-/.test(textOf(cardOf(m.activity))));
      expect(card).toBeDefined();
      const seen = (await whatSees(bot, worker, chat)).find((m) => m.messageId === card?.id);
      expect(seen?.ownView).toBe(true);
      expect(seen?.text).toContain(initials);
    } finally {
      await bot.stop();
    }
  });
});
