import type { OutboxEntry } from '../../src/app/outbox/outbox-message';
import type { OutboxSender, OutboxSendResult, PreviousMessage } from '../../src/app/outbox/outbox-sender';
import type { FixedClock } from './fixed-clock';

export interface SentCall {
  at: number;
  lane: string;
  tenantId: string;
  key: string;
  kind: 'send' | 'update';
  messageId?: string;
  result: OutboxSendResult['status'];
}

/** Answers a call with a failure, or undefined to deliver it. */
export type Script = (call: { at: number; lane: string; key: string; nthToLane: number }) => OutboxSendResult | undefined;

/**
 * An OutboxSender that records every call at the fake clock's time (one HTTP call each) and delivers it,
 * unless the script answers otherwise. Message ids are `m-<n>`, addresses name the lane.
 */
export class RecordingOutboxSender implements OutboxSender {
  readonly calls: SentCall[] = [];
  private sent = 0;

  constructor(
    private readonly clock: FixedClock,
    private readonly script: Script = () => undefined,
  ) {}

  async send(entry: OutboxEntry, previous: PreviousMessage | undefined): Promise<OutboxSendResult> {
    const at = Date.parse(this.clock.now());
    const nthToLane = this.calls.filter((c) => c.lane === entry.lane).length + 1;
    const scripted = this.script({ at, lane: entry.lane, key: entry.key, nthToLane });
    const result: OutboxSendResult = scripted ?? {
      status: 'delivered',
      messageId: previous?.messageId ?? `m-${(this.sent += 1)}`,
      address: previous?.address ?? { transport: 'test', value: entry.lane },
      conversationCreated: false,
    };
    this.calls.push({
      at,
      lane: entry.lane,
      tenantId: entry.tenantId,
      key: entry.key,
      kind: previous === undefined ? 'send' : 'update',
      ...(result.status === 'delivered' ? { messageId: result.messageId } : {}),
      result: result.status,
    });
    return result;
  }

  /** Keys that reached Teams, as new messages, in order. */
  delivered(): string[] {
    return this.calls.filter((c) => c.result === 'delivered' && c.kind === 'send').map((c) => c.key);
  }
}
