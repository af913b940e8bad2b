import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { aMessage, aTeacher, testTenant } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const farsta = aSchoolIn(loadSampleDirectory(), 'FAR');
const apology = 'Något gick fel hos oss, och ingenting har sparats från det här steget. Försök igen om en stund.';

// A failure inside a turn must still give Teams an answer it shows to the person: for a button, the invoke's own
// answer, not botbuilder's HTTP 501 for an invoke nobody answered. The failure here: the store cannot read the
// address book, which every turn does first (before any feature runs), as when the disk has gone away.
describe('a turn that fails inside, over real HTTP', () => {
  let bot: RunningBot;
  let teacher: TeamsClient;

  beforeEach(async () => {
    bot = await new RunningBot().start();
    teacher = new TeamsClient(bot, aTeacher(1));
  });
  afterEach(async () => {
    Reflect.deleteProperty(bot.store, 'getAddress');
    Reflect.deleteProperty(bot.store, 'createCase');
    await bot.stop();
  });

  const breakTheStore = (): void => {
    Object.assign(bot.store, {
      getAddress: async () => {
        throw new Error('disk I/O error');
      },
    });
  };

  it('answers a card action with the apology in its invoke response (HTTP 200), and posts nothing into the chat', async () => {
    breakTheStore();
    const result = await teacher.press('report.submit', aReportPayload(farsta));
    expect(result.status).toBe(200);
    expect(result.message).toBe(apology);
    expect(bot.connector.sent()).toEqual([]);
    expect(bot.logs.events().filter((e) => e.event === 'turn.failed')).toHaveLength(1);
  });

  it('answers a card action whose feature failed (the case could not be stored) with the apology, and stores nothing', async () => {
    Object.assign(bot.store, {
      createCase: async () => {
        throw new Error('disk I/O error');
      },
    });
    const result = await teacher.press('report.submit', aReportPayload(farsta));
    expect(result.status).toBe(200);
    expect(result.message).toBe(apology);
    expect(bot.connector.sent()).toEqual([]);
    Reflect.deleteProperty(bot.store, 'createCase');
    expect(await bot.store.listCasesByReporter(testTenant, aTeacher(1).aadObjectId, 10)).toEqual([]);
  });

  it('answers a message with the apology in the chat', async () => {
    breakTheStore();
    const replies = await teacher.say('mina ärenden');
    expect(replies.map((r) => r.text)).toEqual([apology]);
  });

  it('logs one line, without the error text, when even the apology cannot be sent (the connector refuses it)', async () => {
    breakTheStore();
    // Reply and send: the Bot Connector routes the apology as a reply to the activity.
    bot.connector.failNext('reply', { status: 403, times: 5 });
    bot.connector.failNext('send', { status: 403, times: 5 });
    const res = await fetch(`${bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(aMessage(aTeacher(1), bot.serviceUrl, 'mina ärenden')),
    });
    expect(res.status).toBeLessThan(500);
    const events = bot.logs.events().map((e) => e.event);
    expect(events.filter((e) => e === 'turn.failed')).toHaveLength(1);
    expect(events.filter((e) => e === 'turn.error_unhandled')).toHaveLength(1);
    const unhandled = bot.logs.lines.find((l) => l.includes('turn.error_unhandled')) ?? '';
    expect(JSON.parse(unhandled)).toMatchObject({ errorName: 'Error' });
    expect(unhandled).not.toContain('disk I/O error');
  });
});
