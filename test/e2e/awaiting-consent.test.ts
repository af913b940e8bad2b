import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Directory, SstTeam } from '../../src/domain/routing/directory';
import { aChannel, aChannelMessage, aTeacher, type TeamChannel } from '../support/activities';
import { aReportPayload, aSchoolIn, inputValues } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { cardOf, deliveredTo, TeamInboxes, textOf } from '../support/team-inboxes';
import { executeButtonsOf, TeamsClient, type CardButton, type InvokeResult } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir: Directory = loadSampleDirectory();
const school = aSchoolIn(dir, 'SKA');
const team: SstTeam | undefined = dir.sstTeams.find((t) => t.id === school.sstTeamId);
const withoutConsent = { consentGivenBy: 'none', consentScope: '', consentValidUntil: '', pupilInitials: 'QX', description: 'Unik beskrivning XYZZY' };
const consentGiven = { consentGivenBy: 'both_guardians', consentScope: 'absence,school_steps', consentValidUntil: '2027-06-30', consentRecipients: 'sst_team' };

/** The one button the user would press: found by its verb (and, among several, by what its title names). */
function theButton(card: unknown, verb: string, titleContains = ''): CardButton {
  const found = executeButtonsOf(card).filter((b) => b.verb === verb && b.title.includes(titleContains));
  if (found.length !== 1) throw new Error(`expected one ${verb} button titled "${titleContains}", found ${found.length}: ${textOf(card).slice(0, 400)}`);
  const [button] = found;
  if (!button) throw new Error('unreachable');
  return button;
}

const referenceIn = (card: unknown): string => {
  const reference = /[A-Z]{3}-\d{4}-\d{4}/.exec(textOf(card))?.[0];
  if (reference === undefined) throw new Error(`no case reference on the card: ${textOf(card).slice(0, 300)}`);
  return reference;
};

describe('a referral awaiting consent: the reporter opens it from Teams, records consent, and the team gets it', () => {
  let bot: RunningBot;
  let inboxes: TeamInboxes;
  let teacher: TeamsClient;
  let channel: TeamChannel;

  beforeEach(async () => {
    bot = await new RunningBot().start();
    inboxes = new TeamInboxes(bot);
    teacher = new TeamsClient(bot, aTeacher(7));
    channel = aChannel(7);
    const coordinator = new TeamsClient(bot, { aadObjectId: team?.coordinators[0]?.id ?? 'missing', name: 'Test' });
    await coordinator.post(aChannelMessage(coordinator.user, bot.serviceUrl, channel, `registrera ${team?.id ?? ''}`));
  });
  afterEach(async () => {
    await bot.stop();
  });

  const press = async (button: CardButton, values: Record<string, string> = {}): Promise<InvokeResult> => {
    const answered = await teacher.press(button.verb, { ...button.data, ...values });
    await bot.idle();
    expect(answered.status).toBe(200);
    return answered;
  };

  /** Opens the case with the button given, records consent with the form on the answered card, and checks the team got it. */
  async function recordConsentFrom(open: CardButton, reference: string): Promise<void> {
    const view = await press(open);
    const seen = textOf(view.card);
    expect(seen).toContain(reference);
    expect(seen).toContain('Väntar på samtycke');
    // The reporter's own view is process-only: nothing of the pupil, the description or the team's work.
    for (const hidden of ['QX', 'XYZZY', 'Initialer', 'Årskurs', 'Total frånvaro', 'Avsändarens beskrivning', 'Kontaktperson', 'Därför kom ärendet hit'])
      expect(seen).not.toContain(hidden);
    expect(Object.keys(inputValues(view.card))).toEqual(expect.arrayContaining(['consentGivenBy', 'consentScope', 'consentValidUntil']));
    const postedAbout = () => bot.connector.sent(channel.channelId).filter((m) => String(m.summary ?? '').includes(reference));
    expect(postedAbout()).toEqual([]);

    const saved = await press(theButton(view.card, 'case.consent'), consentGiven);
    expect(textOf(saved.card)).toContain(reference);
    expect(textOf(saved.card)).not.toContain('QX');

    const posted = postedAbout();
    expect(posted).toHaveLength(1);
    expect(cardOf(posted[0])).toBeDefined();
    const stored = await bot.store.getCaseByReference(reference);
    expect(stored?.state).toBe('new');
    expect(deliveredTo(await bot.store.listDeliveriesForCase(stored?.id ?? ''), 'case_card')).toEqual([`inbox:${team?.id ?? ''}`]);
    expect(inboxes.messagesTo(aTeacher(7).aadObjectId).map((m) => String(m.text ?? ''))).toEqual(
      expect.arrayContaining([expect.stringContaining(reference)]),
    );
  }

  it('from the confirmation card the bot answered the report with', async () => {
    const confirmation = await press({ verb: 'report.submit', title: '', data: aReportPayload(school, withoutConsent) });
    const reference = referenceIn(confirmation.card);
    expect(textOf(confirmation.card)).toContain('Väntar på samtycke');
    await recordConsentFrom(theButton(confirmation.card, 'case.view'), reference);
  });

  it('from "mina ärenden", among the reporter\'s other cases', async () => {
    await press({ verb: 'report.submit', title: '', data: aReportPayload(school, { pupilInitials: 'MN' }) });
    const confirmation = await press({ verb: 'report.submit', title: '', data: aReportPayload(school, withoutConsent) });
    const reference = referenceIn(confirmation.card);

    const [listed] = (await teacher.say('mina ärenden')).map(cardOf).filter((c) => c !== undefined);
    expect(executeButtonsOf(listed).filter((b) => b.verb === 'case.view')).toHaveLength(2);
    await recordConsentFrom(theButton(listed, 'case.view', reference), reference);
  });
});
