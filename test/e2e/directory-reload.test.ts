import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { aTeacher } from '../support/activities';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir = loadSampleDirectory();

describe('reloading the routing directory from Teams', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot().start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  it('lets a directory admin reload it, and tells everyone else no', async () => {
    const admin = new TeamsClient(bot, { aadObjectId: dir.admins?.[0]?.id ?? 'missing' });
    const [done] = await admin.say('ladda om katalogen');
    expect(String(done?.text)).toContain(dir.version);
    expect(bot.reloads).toBe(1);

    const [refused] = await new TeamsClient(bot, aTeacher(1)).say('ladda om katalogen');
    expect(String(refused?.text)).toMatch(/administratör/);
    expect(bot.reloads).toBe(1);
    const audit = await bot.store.listAudit({});
    expect(audit.filter((a) => a.action === 'directory.reload').map((a) => a.detail?.outcome)).toEqual(['reloaded', 'refused']);
  });
});
