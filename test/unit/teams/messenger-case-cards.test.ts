import { describe, expect, it } from 'vitest';
import type { DeliveryAddress } from '../../../src/app/ports/addresses';
import type { DeliveryOutcome } from '../../../src/app/ports/messenger';
import type { Case } from '../../../src/domain/case/case';
import type { Directory } from '../../../src/domain/routing/directory';
import { toDeliveryAddress } from '../../../src/adapters/teams/delivery/teams-address';
import type { OutboundActivity } from '../../../src/adapters/teams/delivery/teams-notifier';
import { TeamsMessenger } from '../../../src/adapters/teams/teams-messenger';
import { TeamsUserIds } from '../../../src/adapters/teams/teams-user-ids';
import { cardClock, newCase } from '../../cards/case-fixtures';
import { people } from '../../support/a-case';
import { InMemoryCaseStore } from '../../support/in-memory-case-store';
import { cardOf, textOf } from '../../support/teams-client';
import { loadSampleDirectory } from '../../support/test-directory';

/**
 * A team's members get the same base card of one version of a case, and the messenger renders it once for them
 * (issue 14: rendering was a fifth of the drain's work). What each chat receives must still be exactly what a
 * fresh render gives for that chat: its language, the case as it is now, the directory as it is now, the people
 * who get their own view; and each chat's activity is its own.
 */
const tenantId = 'tenant-1';
const chatOf = (userId: string, locale: string): DeliveryAddress =>
  toDeliveryAddress({ kind: 'conversation', serviceUrl: 'https://smba.example.test/emea/', conversationId: `a:chat-${userId}-${locale}`, conversationType: 'personal', tenantId, userId, locale });

function aMessenger(directory: () => Directory) {
  // What reached each chat, copied as it left the messenger.
  const sent: OutboundActivity[] = [];
  const userIds = new TeamsUserIds({ store: new InMemoryCaseStore(), clock: cardClock });
  const messenger = new TeamsMessenger({
    notifier: {
      deliver: async (_address, activity): Promise<DeliveryOutcome> => {
        sent.push(structuredClone(activity));
        // As botbuilder does with what it sends: the activity it is given gets the conversation and more.
        Object.assign(activity, { conversation: { id: 'changed by the sender' } });
        const card = activity.attachments?.[0]?.content as { body: unknown[] };
        card.body.push({ type: 'TextBlock', text: 'added by the sender' });
        return { status: 'delivered', messageId: `m-${sent.length}` };
      },
      update: async () => ({ status: 'delivered', messageId: 'm' }),
      members: async () => [],
    },
    userIds,
    directory,
    clock: cardClock,
    serviceUrlFor: () => undefined,
    deadlines: () => undefined,
  });
  const send = async (c: Case, to: DeliveryAddress): Promise<OutboundActivity> => {
    const before = sent.length;
    const outcome = await messenger.send({ kind: 'person', tenantId, userId: 'someone' }, to, { kind: 'case_card', case: c }, `key-${before}`);
    expect(outcome.status).toBe('delivered');
    const last = sent[before];
    if (last === undefined) throw new Error('nothing sent');
    return last;
  };
  return { send, userIds };
}

const cardIn = (activity: OutboundActivity) => cardOf({ ...activity });
const textIn = (activity: OutboundActivity): string => textOf(cardIn(activity));
const refreshIdsOf = (activity: OutboundActivity): unknown => (cardIn(activity)?.refresh as { userIds?: unknown } | undefined)?.userIds;

describe('the base case card a team gets', () => {
  const directory = loadSampleDirectory();

  it('is the same card in each member\'s chat, and what one chat\'s sender adds to its copy reaches no other chat', async () => {
    const { send } = aMessenger(() => directory);
    const c = newCase();
    const first = await send(c, chatOf(people.farMember1, 'sv-SE'));
    const second = await send(c, chatOf(people.farMember2, 'sv-SE'));
    expect(second).toEqual(first);
    expect(textIn(second)).not.toContain('added by the sender');
    expect(second.conversation).toBeUndefined();
  });

  it('shows the case as stored now: a later version gets its own card', async () => {
    const { send } = aMessenger(() => directory);
    const c = newCase({ state: 'new', version: 1 });
    const received = await send(c, chatOf(people.farMember1, 'sv-SE'));
    const taken = await send({ ...c, state: 'assigned', assigneeId: people.farMember1, version: 2 }, chatOf(people.farMember2, 'sv-SE'));
    expect(textIn(received)).toContain('Mottaget av skolsocialt team');
    expect(textIn(taken)).toContain('Ärendet har en kontaktperson');
    expect(textIn(taken)).not.toContain('Mottaget av skolsocialt team');
  });

  it('speaks each chat\'s language', async () => {
    const { send } = aMessenger(() => directory);
    const c = newCase();
    const swedish = await send(c, chatOf(people.farMember1, 'sv-SE'));
    const english = await send(c, chatOf(people.farMember2, 'en-US'));
    expect(textIn(swedish)).toContain('Mottaget av skolsocialt team');
    expect(textIn(english)).toContain('Received by the school-social team');
  });

  it('follows a reloaded directory: a school renamed since the last card shows its new name', async () => {
    let current = directory;
    const { send } = aMessenger(() => current);
    const c = newCase();
    const before = await send(c, chatOf(people.farMember1, 'sv-SE'));
    const school = directory.schools.find((s) => s.id === c.schoolId);
    if (school === undefined) throw new Error(`no school ${c.schoolId} in the sample directory`);
    current = { ...directory, schools: directory.schools.map((s) => (s.id === c.schoolId ? { ...s, name: 'Nya skolans namn' } : s)) };
    const after = await send(c, chatOf(people.farMember2, 'sv-SE'));
    expect(JSON.stringify(cardIn(before))).toContain(school.name);
    expect(JSON.stringify(cardIn(after))).toContain('Nya skolans namn');
    expect(JSON.stringify(cardIn(after))).not.toContain(school.name);
  });

  it('names in refresh.userIds the people whose Teams ids are known by the time of each card', async () => {
    const { send, userIds } = aMessenger(() => directory);
    const c = newCase();
    const before = await send(c, chatOf(people.farMember1, 'sv-SE'));
    await userIds.remember(tenantId, { mri: '29:member-2', entraId: people.farMember2 });
    const after = await send(c, chatOf(people.farMember2, 'sv-SE'));
    expect(refreshIdsOf(before) ?? []).not.toContain('29:member-2');
    expect(refreshIdsOf(after)).toContain('29:member-2');
  });
});
