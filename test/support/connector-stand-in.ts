import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mriOf } from './activities';

/** One call the bot made to the Bot Connector API. */
export interface ConnectorCall {
  kind: RouteKind;
  /** Set when the stand-in answered with a scripted failure status. */
  failedWith?: number;
  method: string;
  path: string;
  conversationId?: string;
  activityId?: string;
  body: Record<string, unknown>;
  /** When the call arrived, by the clock given to the constructor (absent without one). */
  at?: number;
  /** The id the stand-in answered with: a new conversation's id, or a sent message's id. */
  answeredId?: string;
}

export interface ScriptedFailure {
  status: number;
  headers?: Record<string, string>;
  /** How many matching calls fail before the stand-in answers normally again. */
  times: number;
}

export type RouteKind = 'send' | 'reply' | 'update' | 'create' | 'delete' | 'members' | 'paged_members';

/** A member of a conversation's roster as the Bot Connector lists it: the MRI as `id`, and the Entra object id. */
export interface RosterMember {
  id: string;
  aadObjectId: string;
  name?: string;
}

/** A message as it is stored in a conversation now: the last version the bot sent or put. */
export interface StoredMessage {
  id: string;
  activity: Record<string, unknown>;
}
type Route = { method: string; pattern: RegExp; kind: RouteKind };

/**
 * A local stand-in for the Bot Connector REST API that botbuilder calls under `serviceUrl`
 * (v3 conversations endpoints). It routes by method and path, never by call order, records every call,
 * and can be scripted to answer 429/5xx for a kind of call or for every call into one conversation.
 */
const routes: Route[] = [
  { method: 'POST', pattern: /^\/v3\/conversations$/, kind: 'create' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities$/, kind: 'send' },
  { method: 'POST', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'reply' },
  { method: 'PUT', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'update' },
  { method: 'DELETE', pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/, kind: 'delete' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/members(?:\/([^/]+))?$/, kind: 'members' },
  { method: 'GET', pattern: /^\/v3\/conversations\/([^/]+)\/pagedmembers$/, kind: 'paged_members' },
];

export class ConnectorStandIn {
  readonly calls: ConnectorCall[] = [];
  private readonly failures = new Map<RouteKind, ScriptedFailure>();
  private readonly conversationFailures = new Map<string, ScriptedFailure>();
  private server?: Server;
  private counter = 0;
  /** Conversation id → message id → the stored message, as everyone outside a card's `refresh.userIds` sees it. */
  private readonly stored = new Map<string, Map<string, Record<string, unknown>>>();
  private readonly rosters = new Map<string, RosterMember[]>();

  constructor(
    private readonly options: {
      now?: () => number;
      /** Hears about every call as it arrives (the benchmark times deliveries with it). */
      onCall?: (call: ConnectorCall) => void;
      /** False keeps `calls` empty, so a long benchmark run holds nothing per call. */
      record?: boolean;
      /** Answers each call this long after it arrived (it is in `calls` at once): a slow Bot Connector. */
      answerAfterMs?: number;
    } = {},
  ) {}

  async start(): Promise<string> {
    this.server = createServer((req, res) => void this.handle(req, res));
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    const address = this.server.address() as AddressInfo;
    return `http://127.0.0.1:${address.port}/`;
  }

  async stop(): Promise<void> {
    await new Promise<void>((resolve, reject) => (this.server ? this.server.close((e) => (e ? reject(e) : resolve())) : resolve()));
  }

  failNext(kind: RouteKind, failure: ScriptedFailure): void {
    this.failures.set(kind, { ...failure });
  }

  /**
   * Fails the next calls into one conversation (any kind), before any failure scripted by kind;
   * `{ status: 404, times: Infinity }` makes a conversation that Teams no longer knows.
   */
  failConversation(conversationId: string, failure: ScriptedFailure): void {
    this.conversationFailures.set(conversationId, { ...failure });
  }

  /**
   * Sets who is in a conversation (a team channel's roster is the team's). The members API answers with
   * it, and only these people's MRIs are known in that conversation.
   */
  setMembers(conversationId: string, aadObjectIds: readonly string[]): void {
    this.rosters.set(conversationId, aadObjectIds.map((aadObjectId) => ({ id: mriOf(aadObjectId), aadObjectId })));
  }

  private hasRoster(conversationId: string): boolean {
    return this.rosters.has(conversationId) || conversationId.startsWith('a:personal-');
  }

  membersOf(conversationId: string): readonly RosterMember[] {
    const roster = this.rosters.get(conversationId);
    if (roster) return roster;
    // A person's own chat with the bot (the test activities' `a:personal-<Entra id>`) has that person alone.
    const own = /^a:personal-(.+)$/.exec(conversationId)?.[1];
    return own === undefined ? [] : [{ id: mriOf(own), aadObjectId: own }];
  }

  /** The messages in a conversation as they are stored now (after every update), oldest first. */
  storedMessages(conversationId: string): StoredMessage[] {
    return [...(this.stored.get(conversationId) ?? new Map<string, Record<string, unknown>>()).entries()].map(([id, activity]) => ({ id, activity }));
  }

  /** Every conversation the bot has written into. */
  conversations(): string[] {
    return [...this.stored.keys()];
  }

  /** Activities the bot sent into a conversation (new messages and replies). */
  sent(conversationId?: string): Record<string, unknown>[] {
    return this.calls
      .filter((c) => (c.kind === 'send' || c.kind === 'reply') && c.failedWith === undefined)
      .filter((c) => conversationId === undefined || c.conversationId === conversationId)
      .map((c) => c.body);
  }

  reset(): void {
    this.calls.length = 0;
    this.stored.clear();
    this.failures.clear();
    this.conversationFailures.clear();
  }

  private storeMessage(conversationId: string, messageId: string, activity: Record<string, unknown>): void {
    if (this.options.record === false) return;
    const messages = this.stored.get(conversationId) ?? new Map<string, Record<string, unknown>>();
    messages.set(messageId, activity);
    this.stored.set(conversationId, messages);
  }

  private remember(call: ConnectorCall): void {
    if (this.options.record !== false) this.calls.push(call);
    this.options.onCall?.(call);
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(Buffer.from(chunk));
    const text = Buffer.concat(chunks).toString('utf8');
    const path = (req.url ?? '').split('?')[0] ?? '';
    const method = req.method ?? 'GET';
    const route = routes.find((r) => r.method === method && r.pattern.test(path));
    const match = route?.pattern.exec(path);
    const body: Record<string, unknown> = text ? JSON.parse(text) : {};
    if (!route) {
      res.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound' } }));
      return;
    }
    const call: ConnectorCall = {
      kind: route.kind,
      method,
      path,
      conversationId: match?.[1] ? decodeURIComponent(match[1]) : undefined,
      activityId: match?.[2] ? decodeURIComponent(match[2]) : undefined,
      body,
      ...(this.options.now ? { at: this.options.now() } : {}),
    };
    const byConversation = call.conversationId === undefined ? undefined : this.conversationFailures.get(call.conversationId);
    const failure = byConversation && byConversation.times > 0 ? byConversation : this.failures.get(route.kind);
    if (failure && failure.times > 0) {
      failure.times -= 1;
      this.remember({ ...call, failedWith: failure.status });
      res.writeHead(failure.status, { 'content-type': 'application/json', ...failure.headers });
      res.end(JSON.stringify({ error: { code: 'Scripted', message: 'scripted failure' } }));
      return;
    }
    this.counter += 1;
    const id = route.kind === 'create' ? `conv-${this.counter}` : `stand-in-${this.counter}`;
    this.remember({ ...call, answeredId: id });
    if (this.options.answerAfterMs !== undefined) await new Promise((resolve) => setTimeout(resolve, this.options.answerAfterMs));
    const conversationId = call.conversationId ?? '';
    if (route.kind === 'members' || route.kind === 'paged_members') {
      const roster = this.membersOf(conversationId);
      const memberId = call.activityId;
      const one = memberId === undefined ? undefined : roster.find((m) => m.id === memberId || m.aadObjectId === memberId);
      // One member: found in a roster the test set, or, where it set none, the id asked for (nothing more is known).
      const answer =
        memberId === undefined
          ? route.kind === 'paged_members'
            ? { members: roster }
            : roster
          : (one ?? (this.hasRoster(conversationId) ? undefined : { id: memberId }));
      res.writeHead(answer === undefined ? 404 : 200, { 'content-type': 'application/json' });
      res.end(JSON.stringify(answer ?? { error: { code: 'MemberNotFoundInConversation' } }));
      return;
    }
    if (route.kind === 'create') this.rosters.set(id, membersIn(body).map((aadObjectId) => ({ id: mriOf(aadObjectId), aadObjectId })));
    if (route.kind === 'send' || route.kind === 'reply') this.storeMessage(conversationId, id, body);
    if (route.kind === 'update' && call.activityId !== undefined) this.storeMessage(conversationId, call.activityId, body);
    res.writeHead(route.kind === 'create' ? 201 : 200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id }));
  }
}

/** The Entra object ids of the members the bot named when it created a conversation (a personal chat). */
function membersIn(body: Record<string, unknown>): string[] {
  const members = body.members;
  if (!Array.isArray(members)) return [];
  return members.flatMap((m: unknown) => (typeof m === 'object' && m !== null && 'id' in m && typeof m.id === 'string' ? [m.id] : []));
}
