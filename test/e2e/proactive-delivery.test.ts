import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createLogger } from '../../src/adapters/log/logger';
import { InMemoryDeliveryLedger } from '../../src/adapters/teams/delivery/in-memory-delivery-ledger';
import { addressOfConversation, addressOfPerson, parseTeamsAddress } from '../../src/adapters/teams/delivery/teams-address';
import { createTeamsNotifier, type OutboundActivity, type TeamsNotifier } from '../../src/adapters/teams/delivery/teams-notifier';
import type { DeliveryAddress } from '../../src/app/ports/addresses';
import type { DeliveryOutcome } from '../../src/app/ports/messenger';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { FixedClock } from '../support/fixed-clock';
import { LogSink } from '../support/log-sink';
import { maxInAnyWindow, VirtualTimer } from '../support/virtual-timer';

const tenantId = '11111111-2222-4333-8444-555555555555';
const coordinatorId = 'aaaaaaaa-bbbb-4ccc-8ddd-eeeeeeeeeeee';
/** Stands in for a rendered card; the text must never reach the logs. */
const secret = 'Elev A.B. i åk 8 har 40 % frånvaro';
const message: OutboundActivity = { type: 'message', text: secret };

/**
 * The delivery engine on a real CloudAdapter (local mode, no credentials) against the Bot Connector
 * stand-in over loopback HTTP. Time is virtual: sleeps return at once and advance the timer.
 */
describe('proactive delivery to team inboxes and personal chats', () => {
  let connector: ConnectorStandIn;
  let timer: VirtualTimer;
  let logs: LogSink;
  let ledger: InMemoryDeliveryLedger;
  let notifier: TeamsNotifier;
  let serviceUrl: string;

  beforeEach(async () => {
    timer = new VirtualTimer();
    connector = new ConnectorStandIn({ now: () => timer.now() });
    serviceUrl = await connector.start();
    logs = new LogSink();
    ledger = new InMemoryDeliveryLedger();
    notifier = createTeamsNotifier({
      credentials: undefined,
      ledger,
      clock: new FixedClock('2026-11-23T09:00:00.000Z'),
      log: createLogger('debug', logs),
      timer,
      random: () => 0.5,
    });
  });
  afterEach(async () => {
    await connector.stop();
  });

  const channel = (conversationId = '19:sst-farsta@thread.tacv2'): DeliveryAddress =>
    addressOfConversation({ serviceUrl, conversation: { id: conversationId, conversationType: 'channel', tenantId, isGroup: true, name: '' } });
  const personalChat = (conversationId = 'a:1coordinator-chat'): DeliveryAddress =>
    addressOfConversation({
      serviceUrl,
      conversation: { id: conversationId, conversationType: 'personal', tenantId, isGroup: false, name: '' },
      user: { id: '29:1coordinator', name: '', aadObjectId: coordinatorId },
    });
  const callsTo = (conversationId: string) => connector.calls.filter((c) => c.conversationId === conversationId);

  it('posts a new message into the channel and returns its id', async () => {
    const outcome = await notifier.deliver(channel(), message, 'case-1:routed');
    expect(outcome).toEqual({ status: 'delivered', messageId: expect.stringMatching(/^stand-in-/) });
    const [call] = callsTo('19:sst-farsta@thread.tacv2');
    expect(call).toMatchObject({ kind: 'send', method: 'POST', path: '/v3/conversations/19%3Asst-farsta%40thread.tacv2/activities' });
    expect(call?.body).toMatchObject({ type: 'message', text: secret });
    expect(await ledger.find('case-1:routed')).toMatchObject({ messageId: outcome.status === 'delivered' ? outcome.messageId : '' });
  });

  it('waits out a 429 for the Retry-After it names, then delivers exactly once', async () => {
    connector.failConversation('19:sst-farsta@thread.tacv2', { status: 429, headers: { 'Retry-After': '2' }, times: 1 });
    const outcome = await notifier.deliver(channel(), message, 'case-2:routed');
    expect(outcome.status).toBe('delivered');
    expect(timer.sleeps).toEqual([2_000]);
    expect(callsTo('19:sst-farsta@thread.tacv2').map((c) => c.failedWith ?? 'ok')).toEqual([429, 'ok']);
    expect(connector.sent('19:sst-farsta@thread.tacv2')).toHaveLength(1);
  });

  it.each([500, 502, 504, 412])('retries %i with growing backoff up to the bound, then reports the delivery failed', async (status) => {
    connector.failConversation('19:sst-farsta@thread.tacv2', { status, times: Infinity });
    const outcome = await notifier.deliver(channel(), message, `case-3:${status}`);
    expect(outcome).toEqual({ status: 'failed', attempts: 5, lastStatus: status });
    // One HTTP call per attempt: botbuilder's own hidden retries are switched off.
    expect(callsTo('19:sst-farsta@thread.tacv2')).toHaveLength(5);
    expect(timer.sleeps).toEqual([750, 1_500, 3_000, 6_000]);
    expect(await ledger.find(`case-3:${status}`)).toBeUndefined();
    expect(logs.events()).toContainEqual(expect.objectContaining({ event: 'delivery.failed', deliveryKey: `case-3:${status}`, lastStatus: status }));
  });

  it('reports a person who blocked the app or never installed it as unreachable, without retrying', async () => {
    connector.failConversation('a:1coordinator-chat', { status: 403, times: Infinity });
    const outcome = await notifier.deliver(personalChat(), message, 'case-4:coordinator');
    expect(outcome).toEqual({ status: 'unreachable' });
    expect(connector.calls).toHaveLength(1);
    expect(timer.sleeps).toEqual([]);
  });

  it('creates a lost personal chat again and sends the message there once', async () => {
    connector.failConversation('a:1coordinator-chat', { status: 404, times: Infinity });
    const outcome: DeliveryOutcome = await notifier.deliver(personalChat(), message, 'case-5:coordinator');

    const create = connector.calls.find((c) => c.kind === 'create');
    expect(create?.body).toMatchObject({ isGroup: false, members: [{ id: coordinatorId }], tenantId, bot: { id: '' } });
    expect(outcome).toMatchObject({ status: 'delivered', newAddress: { transport: 'msteams' } });
    const newConversation = outcome.status === 'delivered' && outcome.newAddress ? parseTeamsAddress(outcome.newAddress) : undefined;
    expect(newConversation).toMatchObject({ kind: 'conversation', conversationType: 'personal', userId: coordinatorId });
    const newId = newConversation?.kind === 'conversation' ? newConversation.conversationId : 'none';
    expect(connector.sent(newId)).toEqual([expect.objectContaining({ text: secret })]);
    expect(connector.sent()).toHaveLength(1);
  });

  it('creates the personal chat on first delivery to a person without one', async () => {
    const person = addressOfPerson({ userId: coordinatorId, tenantId, serviceUrl });
    const outcome = await notifier.deliver(person, message, 'case-6:coordinator');
    expect(connector.calls.map((c) => c.kind)).toEqual(['create', 'send']);
    expect(outcome).toMatchObject({ status: 'delivered', newAddress: { transport: 'msteams' } });
  });

  it('treats a channel that no longer exists as unreachable: there is nothing to create again', async () => {
    connector.failConversation('19:deleted@thread.tacv2', { status: 404, times: Infinity });
    expect(await notifier.deliver(channel('19:deleted@thread.tacv2'), message, 'case-7:routed')).toEqual({ status: 'unreachable' });
    expect(connector.calls.map((c) => c.kind)).toEqual(['send']);
  });

  it('sends one message when the same delivery key is delivered twice at once, and none when it comes back later', async () => {
    const [first, second] = await Promise.all([
      notifier.deliver(channel(), message, 'case-8:routed'),
      notifier.deliver(channel(), message, 'case-8:routed'),
    ]);
    expect(first).toEqual(second);
    const again = await notifier.deliver(channel(), message, 'case-8:routed');
    expect(again).toEqual(first);
    expect(connector.calls.filter((c) => c.kind === 'send')).toHaveLength(1);
  });

  it('spreads a burst of 100 messages to one conversation within Teams per-conversation limits', async () => {
    const outcomes = await Promise.all(Array.from({ length: 100 }, (_, i) => notifier.deliver(channel(), message, `burst-${i}`)));
    expect(outcomes.every((o) => o.status === 'delivered')).toBe(true);
    const arrivals = connector.calls.map((c) => c.at ?? Number.NaN);
    expect(arrivals).toHaveLength(100);
    expect(maxInAnyWindow(arrivals, 1_000)).toBeLessThanOrEqual(7);
    expect(maxInAnyWindow(arrivals, 30_000)).toBeLessThanOrEqual(60);
  });

  it('updates a card in place with a PUT to the message it replaces', async () => {
    const sent = await notifier.deliver(channel(), message, 'case-9:routed');
    const messageId = sent.status === 'delivered' ? sent.messageId : 'none';
    const outcome = await notifier.update(channel(), messageId, { type: 'message', text: 'taken' }, 'case-9:card:v2');
    expect(outcome).toEqual({ status: 'delivered', messageId });
    const update = connector.calls.find((c) => c.kind === 'update');
    expect(update).toMatchObject({ method: 'PUT', conversationId: '19:sst-farsta@thread.tacv2', activityId: messageId });
    expect(update?.body).toMatchObject({ id: messageId, text: 'taken' });
  });

  it('retries when the Bot Connector cannot be reached at all, then reports the delivery failed', async () => {
    const gone = new ConnectorStandIn();
    const goneUrl = await gone.start();
    await gone.stop();
    const address = addressOfConversation({ serviceUrl: goneUrl, conversation: { id: '19:x@thread.tacv2', conversationType: 'channel', tenantId, isGroup: true, name: '' } });
    expect(await notifier.deliver(address, message, 'case-11:routed')).toEqual({ status: 'failed', attempts: 5, lastStatus: 'no_response' });
  });

  it('logs delivery events with keys and statuses only, never the message', async () => {
    connector.failConversation('19:sst-farsta@thread.tacv2', { status: 502, times: 1 });
    await notifier.deliver(channel(), message, 'case-10:routed');
    expect(logs.events().map((e) => e.event)).toEqual(['delivery.retrying', 'delivery.delivered']);
    expect(logs.contains('Elev')).toBe(false);
    expect(logs.contains('frånvaro')).toBe(false);
  });
});
