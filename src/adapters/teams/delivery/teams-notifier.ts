import type { Activity } from 'botbuilder';
import type { Clock } from '../../../app/ports/clock';
import type { DeliveryAddress } from '../../../app/ports/addresses';
import type { DeliveryLedger } from '../../../app/ports/deliveries';
import type { DeliveryOutcome } from '../../../app/ports/messenger';
import type { Notifier } from './notifier';
import type { BotCredentials } from '../../../config/env';
import type { Logger } from '../../log/logger';
import { createDeliveryAdapter } from './delivery-adapter';
import { DeliveryQueue, type QueueResult, type RetryEvent } from './delivery-queue';
import { ProactiveSender, type ProactiveTransport } from './proactive-sender';
import { RateLimiter, systemTimer, teamsRateLimits, type RateLimits, type Timer } from './rate-limiter';
import { defaultRetryPolicy, type RetryPolicy } from './retry-policy';
import type { TeamsMember } from '../teams-user-ids';
import { parseTeamsAddress, toDeliveryAddress, type ConversationAddress, type PersonalAddress } from './teams-address';

/** An activity to deliver: a message with one card, built by the card renderer. */
export type OutboundActivity = Partial<Activity>;

export interface TeamsNotifierDeps {
  transport: ProactiveTransport;
  queue: DeliveryQueue;
  ledger: DeliveryLedger;
  clock: Clock;
  log: Logger;
}

type Failure = Extract<DeliveryOutcome, { status: 'unreachable' | 'failed' }>;
type Step<T> = { ok: true; value: T; attempts: number } | { ok: false; outcome: Failure; attempts: number; notFound: boolean };

/**
 * The Teams side of the Notifier port. A delivery key is sent at most once: concurrent calls with one key
 * share one attempt, and a key found in the ledger is answered without sending. A 404 on a stored personal
 * chat creates the chat again and sends once more there. Logs carry delivery keys and statuses, never content.
 */
export class TeamsNotifier implements Notifier<OutboundActivity> {
  private readonly inFlight = new Map<string, Promise<DeliveryOutcome>>();

  constructor(private readonly deps: TeamsNotifierDeps) {}

  deliver(address: DeliveryAddress, activity: OutboundActivity, key: string): Promise<DeliveryOutcome> {
    return this.once(`deliver:${key}`, () => this.deliverNow(address, activity, key));
  }

  update(address: DeliveryAddress, messageId: string, activity: OutboundActivity, key: string): Promise<DeliveryOutcome> {
    return this.once(`update:${key}`, () => this.updateNow(address, messageId, activity, key));
  }

  /**
   * Shutdown: sends waiting in a lane, for a rate-limit slot or a retry, or for an answer, end at once as
   * `failed` (lastStatus `abandoned`), as does every later one; their callers record them for the retry.
   */
  abandonPending(): void {
    this.deps.queue.abandon();
  }

  /**
   * The roster of a stored conversation, or undefined when it cannot be read now (the failure is logged).
   * Runs in its own lane, so that it never holds up the conversation's messages.
   */
  async members(address: DeliveryAddress): Promise<TeamsMember[] | undefined> {
    const target = parseTeamsAddress(address);
    if (target.kind !== 'conversation') return undefined;
    const result = await this.deps.queue.run(`members:${target.conversationId}`, () => this.deps.transport.members(target), () => undefined);
    if (result.ok) return result.value;
    this.deps.log.warn({ event: 'delivery.members_unavailable', reason: result.reason });
    return undefined;
  }

  private once(inFlightKey: string, run: () => Promise<DeliveryOutcome>): Promise<DeliveryOutcome> {
    const running = this.inFlight.get(inFlightKey);
    if (running) return running;
    const started = run().finally(() => this.inFlight.delete(inFlightKey));
    this.inFlight.set(inFlightKey, started);
    return started;
  }

  private async deliverNow(address: DeliveryAddress, activity: OutboundActivity, key: string): Promise<DeliveryOutcome> {
    const { ledger, log } = this.deps;
    const recorded = await ledger.find(key);
    if (recorded) {
      log.info({ event: 'delivery.already_delivered', deliveryKey: key });
      return { status: 'delivered', messageId: recorded.messageId, ...(ledger.keepsDeliveryRecords ? { recorded: true as const } : {}) };
    }

    const target = parseTeamsAddress(address);
    let attempts = 0;
    let created = false;
    let conversation: ConversationAddress;
    if (target.kind === 'personal') {
      const chat = await this.createChat(target, key);
      attempts += chat.attempts;
      if (!chat.ok) return this.finish(key, chat.outcome, attempts);
      conversation = chat.value;
      created = true;
    } else {
      conversation = target;
    }

    let sent = this.stepOf(await this.sendTo(conversation, activity, key));
    attempts += sent.attempts;
    if (!sent.ok && sent.notFound && !created && conversation.conversationType === 'personal' && conversation.userId) {
      log.info({ event: 'delivery.conversation_recreating', deliveryKey: key });
      const chat = await this.createChat({ kind: 'personal', serviceUrl: conversation.serviceUrl, tenantId: conversation.tenantId, userId: conversation.userId }, key);
      attempts += chat.attempts;
      if (!chat.ok) return this.finish(key, chat.outcome, attempts);
      conversation = chat.value;
      created = true;
      sent = this.stepOf(await this.sendTo(conversation, activity, key));
      attempts += sent.attempts;
    }
    if (!sent.ok) return this.finish(key, sent.outcome, attempts);

    const messageId = sent.value.messageId;
    const sentTo = created ? toDeliveryAddress(conversation) : address;
    await ledger.record({ key, messageId, at: this.deps.clock.now(), address: sentTo });
    log.info({ event: 'delivery.delivered', deliveryKey: key, attempts, conversationCreated: created });
    const recordedHere = ledger.keepsDeliveryRecords ? { recorded: true as const } : {};
    return created ? { status: 'delivered', messageId, newAddress: sentTo, ...recordedHere } : { status: 'delivered', messageId, ...recordedHere };
  }

  private async updateNow(address: DeliveryAddress, messageId: string, activity: OutboundActivity, key: string): Promise<DeliveryOutcome> {
    const target = parseTeamsAddress(address);
    if (target.kind !== 'conversation') {
      // A message to update lives in a conversation; an address without one cannot hold it.
      this.deps.log.warn({ event: 'delivery.update_without_conversation', deliveryKey: key });
      return { status: 'unreachable' };
    }
    const result = await this.deps.queue.run(
      target.conversationId,
      () => this.deps.transport.update(target, messageId, activity),
      this.retryLogger(key),
    );
    const step = this.stepOf(result);
    if (!step.ok) return this.finish(key, step.outcome, step.attempts);
    this.deps.log.info({ event: 'delivery.updated', deliveryKey: key, attempts: step.attempts });
    return { status: 'delivered', messageId };
  }

  private sendTo(conversation: ConversationAddress, activity: OutboundActivity, key: string) {
    return this.deps.queue.run(conversation.conversationId, () => this.deps.transport.send(conversation, activity), this.retryLogger(key));
  }

  private async createChat(person: PersonalAddress, key: string): Promise<Step<ConversationAddress>> {
    const result = await this.deps.queue.run(
      `create:${person.tenantId}:${person.userId}`,
      () => this.deps.transport.createPersonalChat(person),
      this.retryLogger(key),
    );
    if (result.ok) this.deps.log.info({ event: 'delivery.conversation_created', deliveryKey: key });
    return this.stepOf(result);
  }

  /** 404 on a conversation or message that cannot be created again counts as unreachable. */
  private stepOf<T>(result: QueueResult<T>): Step<T> {
    if (result.ok) return result;
    const { attempts } = result;
    if (result.reason === 'failed') {
      const retryAfter = result.retryAfterMs === undefined ? {} : { retryAfterMs: result.retryAfterMs };
      return { ok: false, attempts, notFound: false, outcome: { status: 'failed', attempts, lastStatus: result.lastStatus, ...retryAfter } };
    }
    return { ok: false, attempts, notFound: result.reason === 'not_found', outcome: { status: 'unreachable' } };
  }

  private finish(key: string, outcome: Failure, attempts: number): DeliveryOutcome {
    if (outcome.status === 'unreachable') {
      this.deps.log.warn({ event: 'delivery.unreachable', deliveryKey: key, attempts });
      return outcome;
    }
    this.deps.log.warn({ event: 'delivery.failed', deliveryKey: key, attempts, lastStatus: outcome.lastStatus });
    return { ...outcome, attempts };
  }

  private retryLogger(key: string): (event: RetryEvent) => void {
    return (event) => this.deps.log.info({ event: 'delivery.retrying', deliveryKey: key, ...event });
  }
}

export interface TeamsNotifierOptions {
  /** Absent only in explicit local mode. */
  credentials: BotCredentials | undefined;
  ledger: DeliveryLedger;
  clock: Clock;
  log: Logger;
  timer?: Timer;
  limits?: RateLimits;
  policy?: RetryPolicy;
  random?: () => number;
  maxQueuedPerConversation?: number;
  /** See DeliveryQueueOptions.callTimeoutMs. */
  callTimeoutMs?: number;
}

/** Wires a TeamsNotifier on its own CloudAdapter (see delivery-adapter.ts) with Teams' published limits. */
export function createTeamsNotifier(options: TeamsNotifierOptions): TeamsNotifier {
  const timer = options.timer ?? systemTimer;
  const queue = new DeliveryQueue({
    limiter: new RateLimiter(options.limits ?? teamsRateLimits, timer),
    policy: options.policy ?? defaultRetryPolicy,
    timer,
    random: options.random ?? Math.random,
    maxQueuedPerConversation: options.maxQueuedPerConversation ?? 500,
    ...(options.callTimeoutMs === undefined ? {} : { callTimeoutMs: options.callTimeoutMs }),
  });
  const transport = new ProactiveSender(createDeliveryAdapter(options.credentials), options.credentials?.appId ?? '');
  return new TeamsNotifier({ transport, queue, ledger: options.ledger, clock: options.clock, log: options.log });
}
