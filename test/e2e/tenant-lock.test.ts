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
    expect(refusals.map((e) => e.detail?.tenantId)).toEqual([otherTenant, otherTenant]);

    const insider = new TeamsClient(bot, aTeacher(9));
    expect(await insider.say('hjälp')).toHaveLength(1);
  });
});
