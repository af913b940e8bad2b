import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aMessage, aTeacher, anInvoke, baseActivity } from '../support/activities';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';

describe('malformed requests to /api/messages', () => {
  let bot: RunningBot;
  let client: TeamsClient;

  beforeAll(async () => {
    bot = await new RunningBot({ maxBodyBytes: 64 * 1024 }).start();
    client = new TeamsClient(bot, aTeacher(3));
  });
  afterAll(async () => {
    await bot.stop();
  });

  it.each<[string, string]>([
    ['an empty body', ''],
    ['broken JSON', '{"type": "message", '],
    ['a JSON array', '[1,2,3]'],
    ['an object without a type', '{"text":"hej"}'],
    ['a type that is not a string', '{"type": 42}'],
  ])('answers %s with 400 and no internal details', async (_name, body) => {
    const res = await client.post(body);
    expect(res.status).toBe(400);
    const text = await res.text();
    expect(text).not.toMatch(/at .*\.ts|stack|SyntaxError|Unexpected token/);
  });

  it('refuses a body over the size limit', async () => {
    const huge = JSON.stringify({ ...aMessage(client.user, bot.serviceUrl, 'x'.repeat(100_000)) });
    const res = await client.post(huge);
    expect(res.status).toBe(413);
  });

  it.each<[string, Record<string, unknown>]>([
    ['an unknown activity type', { type: 'somethingNew' }],
    ['an invoke with an unknown name', { type: 'invoke', name: 'no/such/invoke', value: {} }],
    ['a message without a conversation', { type: 'message', text: 'anmäl', conversation: undefined }],
    ['a service URL that is not on this machine (local mode)', { type: 'message', text: 'hjälp', serviceUrl: 'https://example.invalid/' }],
  ])('survives %s', async (_name, patch) => {
    const res = await client.post({ ...baseActivity(client.user, bot.serviceUrl), ...patch });
    expect(res.status).toBeLessThan(600);
    const health = await fetch(`${bot.baseUrl}/healthz`);
    expect(health.status).toBe(200);
  });

  it.each<[string, unknown]>([
    ['no data at all', undefined],
    ['data that is a string', 'hello'],
    ['a form id with odd characters', { formId: '../../etc/passwd' }],
    ['inputs of the wrong type', { formId: 'form-123456789', school: { nested: true }, absenceTotal: [1, 2] }],
  ])('answers a forged report submission with %s by a fresh form and stores nothing', async (_name, data) => {
    const activity = anInvoke(client.user, bot.serviceUrl, 'report.submit', {});
    const value = activity.value as { action: Record<string, unknown> };
    value.action.data = data;
    // A repeat of the same refusal within its window is counted, not written (docs/security.md): a new window.
    bot.clock.advance({ minutes: 10 });
    const before = (await bot.store.listAudit({})).filter((e) => e.action === 'card.refused').length;
    const res = await client.post(activity);
    expect(res.status).toBe(200);
    expect(await bot.store.listCasesByReporter('11111111-2222-4333-8444-555555555555', aTeacher(3).aadObjectId, 10)).toHaveLength(0);
    expect((await bot.store.listAudit({})).filter((e) => e.action === 'card.refused')).toHaveLength(before + 1);
  });

  it('audits a forged click on a case card that names no real case', async () => {
    const res = await client.post(anInvoke(client.user, bot.serviceUrl, 'case.take', { caseId: 'no-such-case', version: 1 }));
    expect(res.status).toBe(200);
    const refused = (await bot.store.listAudit({})).filter((e) => e.action === 'case.action_refused' || e.action === 'card.refused');
    expect(refused.at(-1)?.detail).toMatchObject({ verb: 'case.take' });
  });

  it('still answers a normal message after all of that', async () => {
    const replies = await client.say('hjälp');
    expect(replies).toHaveLength(1);
  });
});

describe('an activity Teams sends twice', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot().start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('gets one answer when Teams re-sends the same message', async () => {
    const client = new TeamsClient(bot, aTeacher(4));
    const message = aMessage(client.user, bot.serviceUrl, 'hjälp');
    await client.post(message);
    await client.post(message);
    expect(bot.connector.sent(String((message.conversation as { id: string }).id))).toHaveLength(1);
    await client.say('hjälp');
    expect(bot.connector.sent(String((message.conversation as { id: string }).id))).toHaveLength(2);
  });
});
