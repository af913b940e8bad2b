import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Directory, School } from '../../src/domain/routing/directory';
import { aChannel, aChannelMessage, aTeacher, type TeamsUser } from '../support/activities';
import { aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, deliveredTo, person, submitReport, TeamInboxes, textOf } from '../support/team-inboxes';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const teamOf = (school: School) => {
  const team = dir.sstTeams.find((t) => t.id === school.sstTeamId);
  if (!team) throw new Error(`no team for ${school.id}`);
  return team;
};
const peopleOf = (school: School): string[] => {
  const team = teamOf(school);
  return [...new Set([...team.members, ...team.coordinators].map((p) => p.id))];
};
const user = (id: string): TeamsUser => ({ aadObjectId: id, name: 'Test' });

describe('reports reach the right inbox', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  beforeEach(async () => {
    bot = await new RunningBot().start();
    inboxes = new TeamInboxes(bot);
  });
  afterEach(async () => {
    await bot.stop();
  });

  it.each(dir.districts.map((d) => [d.name, d.code] as const))(
    'a report from a school in %s reaches its team, and no one else',
    async (_name, code) => {
      const school = aSchoolIn(dir, code);
      const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(1)), school);
      const deliveries = await bot.store.listDeliveriesForCase(submitted.id);
      expect(deliveredTo(deliveries, 'case_card')).toEqual(peopleOf(school).map(person).sort());
      expect(submitted.routing.reasons).toContainEqual({ code: 'sst_by_school', teamId: teamOf(school).id, schoolId: school.id });
    },
  );

  it('sends an upper-secondary pupil to the city-wide team, and a school without a team to the district contact', async () => {
    const teacher = new TeamsClient(bot, aTeacher(2));
    const gymnasium = dir.schools.find((s) => s.id === 'nin-norra-real');
    const noTeam = dir.schools.find((s) => s.id === 'nin-franska-skolan');
    if (!gymnasium || !noTeam) throw new Error('sample directory changed');
    const upper = await submitReport(bot, teacher, gymnasium, { yearGroup: '11', pupilAgeBand: 'adult', consentGivenBy: 'pupil' });
    expect(deliveredTo(await bot.store.listDeliveriesForCase(upper.id), 'case_card')).toEqual(peopleOf(gymnasium).map(person).sort());
    const fallback = await submitReport(bot, teacher, noTeam);
    const contact = dir.districts.find((d) => d.code === 'NIN')?.fallbackContact.id ?? '';
    expect(deliveredTo(await bot.store.listDeliveriesForCase(fallback.id), 'case_card')).toEqual([person(contact)]);
    expect(fallback.routing.flags).toContain('no_sst_team');
  });

  it("posts to the team's channel once it is linked, and the notification names no pupil", async () => {
    const school = aSchoolIn(dir, 'FAR');
    const team = teamOf(school);
    const channel = aChannel(5);
    const coordinator = new TeamsClient(bot, user(team.coordinators[0]?.id ?? ''));
    await coordinator.post(aChannelMessage(coordinator.user, bot.serviceUrl, channel, `registrera ${team.id}`));
    const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(3)), school, { pupilInitials: 'QX', description: 'Unik beskrivning XYZZY' });

    expect(deliveredTo(await bot.store.listDeliveriesForCase(submitted.id), 'case_card')).toEqual([`inbox:${team.id}`]);
    const [posted] = bot.connector.sent(channel.channelId);
    expect(cardOf(posted)).toBeDefined();
    const summary = String(posted?.summary ?? '');
    expect(summary).toContain(submitted.reference);
    expect(summary).toContain(school.name);
    const everything = JSON.stringify(posted);
    expect(everything).not.toContain('QX');
    expect(everything).not.toContain('XYZZY');
  });

  it('keeps an SST referral without consent with the school side: nobody is notified until consent is recorded', async () => {
    const school = aSchoolIn(dir, 'SKA');
    const teacher = new TeamsClient(bot, aTeacher(4));
    const waiting = await submitReport(bot, teacher, school, { consentGivenBy: 'none', consentScope: '', consentValidUntil: '' });
    expect(waiting.state).toBe('awaiting_consent');
    expect(await bot.store.listDeliveriesForCase(waiting.id)).toEqual([]);

    const result = await teacher.press('case.consent', {
      caseId: waiting.id,
      version: waiting.version,
      consentGivenBy: 'both_guardians',
      consentScope: 'absence,school_steps',
      consentRecipients: 'sst_team',
      consentValidUntil: '2027-06-30',
    });
    expect(result.status).toBe(200);
    await bot.idle();
    expect((await bot.store.getCase(waiting.id))?.state).toBe('new');
    expect(deliveredTo(await bot.store.listDeliveriesForCase(waiting.id), 'case_card')).toEqual(peopleOf(school).map(person).sort());
    expect(inboxes.messagesTo(aTeacher(4).aadObjectId).map((m) => String(m.text ?? ''))).toEqual(
      expect.arrayContaining([expect.stringContaining(waiting.reference)]),
    );
  });

  it('delays but loses nothing in a storm of 429s, and sends each card once', async () => {
    const school = aSchoolIn(dir, 'BRO');
    bot.connector.failNext('create', { status: 429, headers: { 'Retry-After': '1' }, times: 4 });
    const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(5)), school);
    const deliveries = await bot.store.listDeliveriesForCase(submitted.id);
    expect(deliveredTo(deliveries, 'case_card')).toEqual(peopleOf(school).map(person).sort());
    for (const id of peopleOf(school)) expect(inboxes.messagesTo(id).filter((m) => cardOf(m))).toHaveLength(1);
    expect(bot.connector.calls.filter((c) => c.failedWith === 429)).toHaveLength(4);
  });

  it('marks a person the app cannot reach as unreachable instead of retrying, and shows it to the coordinator', async () => {
    const school = aSchoolIn(dir, 'HAE');
    bot.connector.failNext('create', { status: 403, times: 1 });
    const submitted = await submitReport(bot, new TeamsClient(bot, aTeacher(6)), school);
    const deliveries = await bot.store.listDeliveriesForCase(submitted.id);
    expect(deliveries.filter((d) => d.status === 'unreachable')).toHaveLength(1);
    expect(bot.connector.calls.filter((c) => c.failedWith === 403)).toHaveLength(1);
    const coordinator = new TeamsClient(bot, user(teamOf(school).coordinators[0]?.id ?? ''));
    const view = await coordinator.press('case.view', { caseId: submitted.id });
    expect(view.card?.type).toBe('AdaptiveCard');
    const unreachable = deliveries.find((d) => d.status === 'unreachable');
    const who = [...teamOf(school).members, ...teamOf(school).coordinators].find((p) => unreachable?.recipient.endsWith(p.id));
    expect(textOf(view.card)).toContain(who?.name);
  });
});
