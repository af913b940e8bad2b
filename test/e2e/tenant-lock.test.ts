import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTeacher, testTenant } from '../support/activities';
import { aReportPayload, aSchoolIn } from '../support/report-payload';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const otherTenant = 'ffffffff-1111-4222-8333-444444444444';

describe('the tenant lock', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot({ allowedTenants: [testTenant] }).start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('answers nothing to another tenant, stores nothing, and records the refusal', async () => {
    const outsider = new TeamsClient(bot, { ...aTeacher(8), tenantId: otherTenant });
    expect(await outsider.say('hjälp')).toEqual([]);
    const form = aReportPayload(aSchoolIn(loadSampleDirectory(), 'FAR'));
    const pressed = await outsider.press('report.submit', form);
    expect(pressed.card).toBeUndefined();
    expect(await bot.store.listCasesByReporter(otherTenant, aTeacher(8).aadObjectId, 10)).toEqual([]);
    const refusals = (await bot.store.listAudit({})).filter((e) => e.action === 'tenant.refused');
    expect(refusals.map((e) => e.detail?.tenantId)).toEqual([otherTenant]);

    const insider = new TeamsClient(bot, aTeacher(9));
    expect(await insider.say('hjälp')).toHaveLength(1);
  });

  it('keeps the evidence of a flood from another tenant in a bounded number of audit rows', async () => {
    const rows = async () => (await bot.store.listAudit({})).filter((e) => e.action === 'tenant.refused' && e.actorId === aTeacher(7).aadObjectId);
    const flooder = new TeamsClient(bot, { ...aTeacher(7), tenantId: otherTenant });
    for (let i = 0; i < 300; i++) await flooder.say(`hjälp ${i}`);
    expect(await rows()).toHaveLength(1);

    bot.clock.advance({ minutes: 10 });
    await flooder.say('hjälp igen');
    expect((await rows()).map((e) => e.detail?.repeated)).toEqual([undefined, '299', undefined]);
    const other = new TeamsClient(bot, { ...aTeacher(6), tenantId: otherTenant });
    await other.say('hjälp');
    expect((await bot.store.listAudit({})).filter((e) => e.action === 'tenant.refused' && e.actorId === aTeacher(6).aadObjectId)).toHaveLength(1);
  });
});
