import { recipientKey, type DeliveryAddress, type Recipient } from '../../src/app/ports/addresses';
import type { CaseMessage, CaseStatusMessage, DeliveryOutcome, Messenger } from '../../src/app/ports/messenger';

/**
 * A messenger that delivers everything (unless a test takes the connector `down`) and remembers what went to
 * whom, under which key. The address it hands back is the recipient's key, so an update names who sees it.
 */
export class RecordingMessenger implements Messenger {
  readonly sent: { to: string; kind: CaseMessage['kind']; key: string }[] = [];
  /** The status messages among `sent`, with what they said. */
  readonly statuses: { to: string; caseId: string; status: CaseStatusMessage }[] = [];
  readonly updated: { to: string; kind: CaseMessage['kind']; key: string }[] = [];
  /** While true, every send fails as a connector outage would (HTTP 503), and nothing is recorded as sent. */
  down = false;

  async send(recipient: Recipient, _address: DeliveryAddress | undefined, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    if (this.down) return { status: 'failed', attempts: 1, lastStatus: 503 };
    this.sent.push({ to: recipientKey(recipient), kind: message.kind, key });
    if (message.kind === 'status') this.statuses.push({ to: recipientKey(recipient), caseId: message.case.id, status: message.status });
    return { status: 'delivered', messageId: `m-${key}`, newAddress: { transport: 'test', value: recipientKey(recipient) } };
  }

  async update(address: DeliveryAddress, _messageId: string, message: CaseMessage, key: string): Promise<DeliveryOutcome> {
    this.updated.push({ to: address.value, kind: message.kind, key });
    return { status: 'delivered', messageId: 'updated' };
  }
}
