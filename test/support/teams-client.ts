import type { RunningBot } from './running-bot';
import { aMessage, anInvoke, type TeamsUser } from './activities';

export interface InvokeResult {
  status: number;
  statusCode?: number;
  type?: string;
  card?: Record<string, unknown>;
  message?: string;
}

/** Posts Teams-shaped activities to /api/messages over real HTTP, as the Teams service would. */
export class TeamsClient {
  constructor(private readonly bot: RunningBot, readonly user: TeamsUser) {}

  async post(activity: Record<string, unknown> | string, contentType = 'application/json'): Promise<Response> {
    return fetch(`${this.bot.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': contentType },
      body: typeof activity === 'string' ? activity : JSON.stringify(activity),
    });
  }

  /** Sends a message and returns what the bot sent back into the conversation during that turn. */
  async say(text: string): Promise<Record<string, unknown>[]> {
    const before = this.bot.connector.sent().length;
    const res = await this.post(aMessage(this.user, this.bot.serviceUrl, text));
    if (res.status >= 300) throw new Error(`message "${text}" got HTTP ${res.status}`);
    return this.bot.connector.sent().slice(before);
  }

  /** Presses an Action.Execute button; returns the invoke response (the card that replaces the pressed one). */
  async press(verb: string, data: Record<string, unknown>): Promise<InvokeResult> {
    const res = await this.post(anInvoke(this.user, this.bot.serviceUrl, verb, data));
    const text = await res.text();
    const body: { statusCode?: number; type?: string; value?: unknown } = text ? JSON.parse(text) : {};
    const value = body.value;
    return {
      status: res.status,
      statusCode: body.statusCode,
      type: body.type,
      card: typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined,
      message: typeof value === 'string' ? value : undefined,
    };
  }
}

/** The adaptive card inside a sent activity, if any. */
export function cardOf(activity: Record<string, unknown> | undefined): Record<string, unknown> | undefined {
  const attachments = activity?.attachments;
  if (!Array.isArray(attachments)) return undefined;
  const first: unknown = attachments[0];
  if (typeof first !== 'object' || first === null || !('content' in first)) return undefined;
  const content = (first as { content: unknown }).content;
  return typeof content === 'object' && content !== null ? (content as Record<string, unknown>) : undefined;
}

/** All text in a card (TextBlocks, FactSet facts, labels, action titles), for assertions a reader would make. */
export function textOf(card: unknown): string {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      for (const [k, v] of Object.entries(node)) {
        if (typeof v === 'string' && ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'].includes(k)) out.push(v);
        else walk(v);
      }
    }
  };
  walk(card);
  return out.join('\n');
}

/** Texts the card shows in attention colour: the form's error summary and per-field messages. */
export function attentionTexts(card: unknown): string[] {
  const out: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = node as Record<string, unknown>;
      if (n.type === 'TextBlock' && n.color === 'attention' && typeof n.text === 'string' && n.isVisible !== false) out.push(n.text);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}

/** The verbs of every Action.Execute button a card offers, including those inside ShowCard forms. */
export function buttonsOf(card: unknown): string[] {
  const verbs: string[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = Object.fromEntries(Object.entries(node));
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') verbs.push(n.verb);
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return verbs;
}

/** One Action.Execute button as the user sees it: its verb, its title and the data Teams sends back when pressed. */
export interface CardButton {
  verb: string;
  title: string;
  data: Record<string, unknown>;
}

/** Every Action.Execute button a card offers (ShowCard forms included), in card order, with title and data. */
export function executeButtonsOf(card: unknown): CardButton[] {
  const out: CardButton[] = [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(walk);
    else if (typeof node === 'object' && node !== null) {
      const n = Object.fromEntries(Object.entries(node));
      if (n.type === 'Action.Execute' && typeof n.verb === 'string') {
        const data: unknown = n.data;
        out.push({
          verb: n.verb,
          title: typeof n.title === 'string' ? n.title : '',
          data: typeof data === 'object' && data !== null ? Object.fromEntries(Object.entries(data)) : {},
        });
      }
      Object.values(n).forEach(walk);
    }
  };
  walk(card);
  return out;
}
