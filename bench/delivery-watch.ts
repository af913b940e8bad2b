import { performance } from 'node:perf_hooks';
import type { ConnectorCall } from '../test/support/connector-stand-in';

const referencePattern = /[A-Z]{3}-\d{4}-\d{4}/;

interface Pending {
  conversations: Set<string>;
  lastAt: number;
  expected?: number;
  startedAt?: number;
  resolve?: (elapsedMs: number) => void;
}

/**
 * Times the end-to-end path of a submission: from the POST of the invoke until the routed case card has
 * reached every recipient's chat at the connector stand-in. The card's notification text (`summary`) names
 * the case reference, which the confirmation card also shows. Holds only cases still on their way.
 */
export class DeliveryWatch {
  private readonly pending = new Map<string, Pending>();

  /** Pass to the stand-in as `onCall`. */
  readonly onCall = (call: ConnectorCall): void => {
    if (call.kind !== 'send' || call.failedWith !== undefined || call.conversationId === undefined) return;
    if (!Array.isArray(call.body.attachments)) return;
    const reference = typeof call.body.summary === 'string' ? referencePattern.exec(call.body.summary)?.[0] : undefined;
    if (reference === undefined) return;
    const entry = this.entry(reference);
    entry.conversations.add(call.conversationId);
    entry.lastAt = performance.now();
    this.settle(reference, entry);
  };

  /** Resolves with the milliseconds from `startedAt` until `recipients` chats have the case card. */
  expect(reference: string, recipients: number, startedAt: number): Promise<number> {
    const entry = this.entry(reference);
    return new Promise((resolve) => {
      Object.assign(entry, { expected: recipients, startedAt, resolve });
      this.settle(reference, entry);
    });
  }

  /** Forgets everything (cards of warm-up cases nobody waits for). */
  clear(): void {
    this.pending.clear();
  }

  private entry(reference: string): Pending {
    let entry = this.pending.get(reference);
    if (!entry) {
      entry = { conversations: new Set(), lastAt: 0 };
      this.pending.set(reference, entry);
    }
    return entry;
  }

  private settle(reference: string, entry: Pending): void {
    if (entry.expected === undefined || entry.startedAt === undefined || entry.conversations.size < entry.expected) return;
    this.pending.delete(reference);
    entry.resolve?.(entry.lastAt - entry.startedAt);
  }
}

/** The case reference a confirmation card shows, if the invoke response carries one. */
export const referenceIn = (text: string): string | undefined => referencePattern.exec(text)?.[0];
