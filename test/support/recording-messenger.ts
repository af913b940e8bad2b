import { recipientKey, type DeliveryAddress, type Recipient } from '../../src/app/ports/addresses';
import type { CaseMessage, DeliveryOutcome, Messenger } from '../../src/app/ports/messenger';

/** A messenger that delivers everything and remembers what went to whom, under which key. */
export class RecordingMessenger implements Messenger {
  readonly sent: { to: string; kind: CaseMessage['kind']; key: string }[] = [];
  readonly updated: { kind: CaseMessage['kind']; key: string }[] = [];

  async send(recipient: Recipient, _address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    this.sent.push({ to: recipientKey(recipient), kind: message.kind, key });
    return { status: 'delivered', messageId: `m-${key}`, newAddress: { transport: 'test', value: recipientKey(recipient) } };
  }

  async update(_address: DeliveryAddress, _messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    this.updated.push({ kind: message.kind, key });
    return { status: 'delivered', messageId: 'updated' };
  }
}
