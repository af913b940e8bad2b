import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { personAddressKey, teamInboxKey } from '../../src/app/ports/addresses';
import { aChannel, aChannelMessage, aMessage, aTeacher, testTenant, type TeamsUser } from '../support/activities';
import { RunningBot } from '../support/running-bot';
import { TeamsClient } from '../support/teams-client';
import { loadSampleDirectory } from '../support/test-directory';

const dir = loadSampleDirectory();
const farstaTeam = dir.sstTeams.find((t) => t.id === 'FAR-SST-1');
const person = (id: string | undefined): TeamsUser => ({ aadObjectId: id ?? 'missing', name: 'Test' });

describe('linking a team channel as a school-social team inbox', () => {
  let bot: RunningBot;
  beforeAll(async () => {
    bot = await new RunningBot().start();
  });
  afterAll(async () => {
    await bot.stop();
  });

  const sayInChannel = async (user: TeamsUser, channel: ReturnType<typeof aChannel>, text: string): Promise<string> => {
    const client = new TeamsClient(bot, user);
    const before = bot.connector.sent().length;
    const res = await client.post(aChannelMessage(user, bot.serviceUrl, channel, text));
    expect(res.status).toBe(200);
    const [reply] = bot.connector.sent().slice(before);
    return String(reply?.text ?? '');
  };

  it("lets the team's coordinator make the channel the inbox, stored as the channel's own address", async () => {
    const coordinator = person(farstaTeam?.coordinators[0]?.id);
    const channel = aChannel(1);
    const reply = await sayInChannel(coordinator, channel, 'registrera FAR-SST-1');
    expect(reply).toContain(farstaTeam?.name);
    const stored = await bot.store.getAddress(teamInboxKey('FAR-SST-1'));
    expect(JSON.parse(stored?.address.value ?? '{}').conversationId).toBe(channel.channelId);
  });

  it('refuses a team member who is not a coordinator, and a coordinator of another team, and changes nothing', async () => {
    const channel = aChannel(2);
    const member = person(farstaTeam?.members[0]?.id);
    const otherCoordinator = person(dir.sstTeams.find((t) => t.id === 'BRO-SST-1')?.coordinators[0]?.id);
    const before = await bot.store.getAddress(teamInboxKey('FAR-SST-1'));
    expect(await sayInChannel(member, channel, 'registrera FAR-SST-1')).toMatch(/samordnar/);
    expect(await sayInChannel(otherCoordinator, channel, 'registrera FAR-SST-1')).toMatch(/samordnar/);
    expect(await bot.store.getAddress(teamInboxKey('FAR-SST-1'))).toEqual(before);
    const refusals = (await bot.store.listAudit({})).filter((e) => e.action === 'inbox.register_refused');
    expect(refusals).toHaveLength(2);
  });

  it('explains an unknown team id, and that the command belongs in a channel', async () => {
    const coordinator = person(farstaTeam?.coordinators[0]?.id);
    expect(await sayInChannel(coordinator, aChannel(3), 'registrera NOPE-1')).toContain('NOPE-1');
    const [reply] = await new TeamsClient(bot, coordinator).say('registrera FAR-SST-1');
    expect(String(reply?.text)).toMatch(/kanal/);
  });

  it('answers `registrera` without a team id with how to use it and the teams the person may link, and changes nothing', async () => {
    const coordinator = person(farstaTeam?.coordinators[0]?.id);
    const channel = aChannel(4);
    const before = await bot.store.getAddress(teamInboxKey('FAR-SST-1'));
    const reply = await sayInChannel(coordinator, channel, 'registrera');
    expect(reply).toContain('@SST Bridge registrera FAR-SST-1');
    expect(reply).toContain(`${farstaTeam?.name} (FAR-SST-1)`);
    expect(reply).not.toMatch(/förstod inte/);
    expect(await bot.store.getAddress(teamInboxKey('FAR-SST-1'))).toEqual(before);

    const manager = person(dir.investigationUnits.find((u) => u.id === 'FAR-INV')?.managers[0]?.id);
    expect(await sayInChannel(manager, channel, 'registrera')).toContain('(FAR-INV)');
    const member = person(farstaTeam?.members[0]?.id);
    const toMember = await sayInChannel(member, channel, 'registrera');
    expect(toMember).toContain('registrera FAR-SST-1');
    expect(toMember).toMatch(/inte samordnare/);
    expect(await sayInChannel({ ...coordinator, locale: 'en-US' }, channel, 'register')).toMatch(/^Type register followed by the team's id.*You can register an inbox for: .*\(FAR-SST-1\)/);
  });

  it("remembers a user's personal chat so that the bot can write to them later", async () => {
    const teacher = aTeacher(7);
    await new TeamsClient(bot, teacher).say('hjälp');
    const stored = await bot.store.getAddress(personAddressKey(testTenant, teacher.aadObjectId));
    expect(JSON.parse(stored?.address.value ?? '{}').conversationId).toBe(`a:personal-${teacher.aadObjectId}`);
  });

  it("reads a person's stored chat address on their first turn only while it stays the same, and stores a new one", async () => {
    const teacher = aTeacher(8);
    const key = personAddressKey(testTenant, teacher.aadObjectId);
    const client = new TeamsClient(bot, teacher);
    const getAddress = bot.store.getAddress.bind(bot.store);
    let reads = 0;
    Object.assign(bot.store, {
      getAddress: (k: string) => {
        if (k === key) reads += 1;
        return getAddress(k);
      },
    });
    try {
      await client.say('hjälp');
      await client.say('hjälp');
      await client.say('hjälp');
      expect(reads).toBe(1);
      // The same person in another 1:1 chat (Teams gave the chat a new id): stored, and a read no longer needed.
      const inMovedChat = () => ({ ...aMessage(teacher, bot.serviceUrl, 'hjälp'), conversation: { id: 'a:personal-moved', conversationType: 'personal', tenantId: testTenant } });
      expect((await client.post(inMovedChat())).status).toBe(200);
      const stored = await getAddress(key);
      expect(JSON.parse(stored?.address.value ?? '{}').conversationId).toBe('a:personal-moved');
      await client.post(inMovedChat());
      expect(reads).toBe(2);
    } finally {
      Reflect.deleteProperty(bot.store, 'getAddress');
    }
  });
});
